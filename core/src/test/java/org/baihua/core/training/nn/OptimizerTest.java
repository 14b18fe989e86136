package org.baihua.core.training.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.baihua.sdk.OptimizerSpec;
import org.junit.jupiter.api.Test;

/** Single updates against the optimisers' formulas, worked by hand. */
class OptimizerTest {

    @Test
    void sgdWithMomentumAccumulatesVelocity() {
        float[] w = {1f};
        Optimizer sgd = new Optimizer(new OptimizerSpec(OptimizerSpec.Kind.SGD, 0.1, 0, 0.9), List.of(w), new boolean[] {true});
        sgd.step(List.of(new float[] {2f}), 0.1); // v = 2, w = 1 - 0.2
        assertThat(w[0]).isCloseTo(0.8f, within(1e-6f));
        sgd.step(List.of(new float[] {2f}), 0.1); // v = 0.9 * 2 + 2 = 3.8, w = 0.8 - 0.38
        assertThat(w[0]).isCloseTo(0.42f, within(1e-6f));
    }

    @Test
    void adamFirstStepMovesByTheLearningRateWhateverTheGradientScale() {
        float[] small = {1f};
        float[] large = {1f};
        Optimizer adam = new Optimizer(OptimizerSpec.adam(), List.of(small, large), new boolean[] {true, true});
        adam.step(List.of(new float[] {1e-3f}, new float[] {-50f}), 0.01);
        // bias-corrected m / sqrt(v) = sign(g) on the first step
        assertThat(small[0]).isCloseTo(0.99f, within(1e-5f));
        assertThat(large[0]).isCloseTo(1.01f, within(1e-5f));
    }

    @Test
    void adamWDecaysWeightsButNotBiasesAndAdamAddsL2ToTheGradient() {
        float[] weight = {2f};
        float[] bias = {2f};
        Optimizer adamW = new Optimizer(OptimizerSpec.adamW(0.1, 0.5), List.of(weight, bias), new boolean[] {true, false});
        adamW.step(List.of(new float[] {0f}, new float[] {0f}), 0.1);
        assertThat(weight[0]).isCloseTo(2f * (1 - 0.1f * 0.5f), within(1e-6f)); // decoupled shrink only
        assertThat(bias[0]).isEqualTo(2f);

        float[] w = {2f};
        Optimizer adam = new Optimizer(new OptimizerSpec(OptimizerSpec.Kind.ADAM, 0.1, 0.5, 0), List.of(w), new boolean[] {true});
        adam.step(List.of(new float[] {0f}), 0.1); // the L2 term 0.5 * 2 is the whole gradient: one Adam step of -lr
        assertThat(w[0]).isCloseTo(1.9f, within(1e-5f));
    }

    @Test
    void scheduleWarmsUpLinearlyThenDecaysToItsFloor() {
        LearningRateSchedule schedule = new LearningRateSchedule(1.0, 4, 104, 0.1);
        assertThat(schedule.at(0)).isCloseTo(0.2, within(1e-12));
        assertThat(schedule.at(3)).isCloseTo(0.8, within(1e-12));
        assertThat(schedule.at(4)).isCloseTo(1.0, within(1e-12));
        assertThat(schedule.at(54)).isCloseTo(0.55, within(1e-12)); // halfway down the cosine
        assertThat(schedule.at(104)).isCloseTo(0.1, within(1e-12));
        assertThat(new LearningRateSchedule(0.5, 0, 10, 1).at(7)).isEqualTo(0.5);
    }
}
