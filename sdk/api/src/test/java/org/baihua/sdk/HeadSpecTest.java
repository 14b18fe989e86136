package org.baihua.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadSpecTest {

    @Test
    void theBuilderDefaultsToALinearAdamHeadAndSetsWhatItIsGiven() {
        assertThat(HeadSpec.builder().build()).isEqualTo(new HeadSpec(List.of(), Activation.RELU, 0, ClassWeighting.none(), 0,
                OptimizerSpec.adam()));
        HeadSpec head = HeadSpec.builder().optHiddenLayers(64, 32).optActivation(Activation.GELU).optDropout(0.2)
                .optClassWeighting(ClassWeighting.balanced()).optLabelSmoothing(0.05).optOptimizer(OptimizerSpec.adamW(3e-3, 1e-2)).build();

        assertThat(head).isEqualTo(new HeadSpec(List.of(64, 32), Activation.GELU, 0.2, ClassWeighting.balanced(), 0.05,
                OptimizerSpec.adamW(3e-3, 1e-2)));
        assertThat(head.toBuilder().optDropout(0).build().hiddenLayers()).containsExactly(64, 32);
        assertThat(HeadSpec.mlp(16)).isEqualTo(HeadSpec.builder().optHiddenLayers(16).optDropout(0.1).build());
    }

    @Test
    void buildValidatesTheRanges() {
        assertThatThrownBy(() -> HeadSpec.builder().optDropout(1).build()).hasMessageContaining("dropout must be in [0, 1)");
        assertThatThrownBy(() -> HeadSpec.builder().optHiddenLayers(0).build()).hasMessageContaining("hidden layer width");
        assertThatThrownBy(() -> HeadSpec.builder().optLabelSmoothing(-0.1).build()).hasMessageContaining("label smoothing");
    }
}
