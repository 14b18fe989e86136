package org.baihua.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassWeightingTest {

    @Test
    void relativeWeightsFollowThePowerUpToTheCap() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("ok", 900L);
        counts.put("rare", 100L);
        counts.put("rarer", 9L);
        counts.put("absent", 0L);

        assertThat(ClassWeighting.relative(counts, 1, 50).weights()).containsOnly(Map.entry("ok", 1.0), Map.entry("rare", 9.0),
                Map.entry("rarer", 50.0));
        assertThat(ClassWeighting.relative(counts, 0.5, 50).weights()).containsEntry("rare", 3.0).containsEntry("rarer", 10.0);
        assertThat(ClassWeighting.relative(Map.of("ok", 10L, "other", 0L), 1, 10)).isEqualTo(ClassWeighting.none());
    }

    @Test
    void refusesANegativePowerOrACapBelowOne() {
        assertThatThrownBy(() -> ClassWeighting.relative(Map.of(), -1, 10)).hasMessageContaining("power must be >= 0");
        assertThatThrownBy(() -> ClassWeighting.relative(Map.of(), 1, 0.5)).hasMessageContaining("cap must be >= 1");
    }
}
