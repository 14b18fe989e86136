package org.baihua.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FittedStateTest {

    @Test
    @SuppressWarnings("unchecked")
    void keepsJsonLikeValuesAsADeepUnmodifiableCopy() {
        List<Object> means = new ArrayList<>(List.of(1.5, 2));
        FittedState state = new FittedState(Map.of("means", means, "vocab", Map.of("a", List.of("x")), "on", true));
        means.add(3);

        assertThat(state.get("means")).isEqualTo(List.of(1.5, 2));
        assertThatThrownBy(() -> ((List<Object>) state.get("means")).add(4)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new FittedState(Map.of("nothing", Arrays.asList(null, "a"))).get("nothing")).isEqualTo(Arrays.asList(null, "a"));
    }

    @Test
    void refusesWhatJsonCannotHoldNamingThePath() {
        assertThatThrownBy(() -> new FittedState(Map.of("means", Map.of("glucose", Double.NaN))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("state 'means.glucose' is NaN, which JSON cannot hold; store null or leave it out");
        assertThatThrownBy(() -> new FittedState(Map.of("when", List.of(java.time.LocalDate.EPOCH))))
                .hasMessage("state 'when[0]' holds a java.time.LocalDate; a fitted state holds only String, Number, Boolean, List and Map<String, ?>");
        assertThatThrownBy(() -> new FittedState(Map.of("counts", Map.of(1, 2)))).hasMessageContaining("a map with a java.lang.Integer key");
        Map<String, Object> nullName = new HashMap<>();
        nullName.put(null, 1);
        assertThatThrownBy(() -> new FittedState(nullName)).hasMessageContaining("null name");
    }
}
