package org.baihua.plugins.industrial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DataProfile;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;

class IndustrialHeadsTest {

    private final IndustrialHeads heads = new IndustrialHeads();

    private TaskSpec task(String id) {
        return new IndustrialDomain().tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void appliesToMachineFailureAndMaintenanceLog() {
        assertThat(heads.appliesTo("industrial", "machine-failure")).isTrue();
        assertThat(heads.appliesTo("industrial", "maintenance-log")).isTrue();
        assertThat(heads.appliesTo("industrial", "failure-mode")).isFalse();
        assertThat(heads.appliesTo("finance", "machine-failure")).isFalse();
    }

    @Test
    void failuresWeighTheSquareRootOfTheirRarityUpToTheCap() {
        HeadSpec ai4i = heads.design(task("machine-failure"), new DataProfile(8000, Map.of("ok", 7729L, "failure", 271L), 12));
        HeadSpec rare = heads.design(task("machine-failure"), new DataProfile(1_000_000, Map.of("ok", 999_900L, "failure", 100L), 12));
        assertThat(ai4i.classWeighting().weights().get("failure")).isCloseTo(Math.sqrt(7729.0 / 271), within(1e-12));
        assertThat(ai4i.classWeighting().weights()).containsEntry("ok", 1.0);
        assertThat(rare.classWeighting().weights()).containsEntry("failure", IndustrialHeads.FAILURE_WEIGHT_CAP);
    }

    @Test
    void maintenanceLogGrowsWithTheCategoriesAndWeighsSkewedOnes() {
        Map<String, Long> skewed = new LinkedHashMap<>();
        skewed.put("mechanical", 560L);
        skewed.put("pneumatics", 140L);
        skewed.put("electrical", 440L);
        HeadSpec head = heads.design(task("maintenance-log"), new DataProfile(1140, skewed, 400));
        assertThat(head.hiddenLayers()).containsExactly(64);
        assertThat(head.classWeighting().weights().get("pneumatics")).isCloseTo(2.0, within(1e-12));

        Map<String, Long> many = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            many.put("code-" + i, 100L);
        }
        HeadSpec wide = heads.design(task("maintenance-log"), new DataProfile(4000, many, 400));
        assertThat(wide.hiddenLayers()).containsExactly(256);
        assertThat(wide.classWeighting()).isEqualTo(ClassWeighting.none());
    }

    @Test
    void aTaskWithoutADesignerIsAnError() {
        assertThatThrownBy(() -> heads.design(task("failure-mode"), new DataProfile(1, Map.of(), 1)))
                .hasMessageContaining("'failure-mode'");
    }
}
