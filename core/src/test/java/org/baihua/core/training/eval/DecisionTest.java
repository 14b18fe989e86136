package org.baihua.core.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.ThresholdTuning;
import org.junit.jupiter.api.Test;

class DecisionTest {

    @Test
    void thresholdPicksThePositiveLabelAtOrAboveIt() {
        DecisionApplier d = new DecisionApplier(TaskKind.BINARY, List.of("no", "yes"),
                new DecisionPolicy.Threshold("yes", 0.3, null));
        assertThat(d.labels(new float[] {0.65f, 0.35f})).containsExactly("yes");
        assertThat(d.labels(new float[] {0.75f, 0.25f})).containsExactly("no");
    }

    @Test
    void minimumCostChoosesTheCheapestExpectedLabel() {
        DecisionApplier d = new DecisionApplier(TaskKind.BINARY, List.of("good", "bad"),
                new DecisionPolicy.MinimumCost(Map.of("bad", Map.of("good", 5.0), "good", Map.of("bad", 1.0))));
        assertThat(d.labels(new float[] {0.8f, 0.2f})).containsExactly("bad"); // 0.8 < 1.0
        assertThat(d.labels(new float[] {0.9f, 0.1f})).containsExactly("good"); // 0.5 < 0.9
        assertThat(d.expectedCosts(new float[] {0.8f, 0.2f})).containsExactly(0.2f * 5.0, 0.8f * 1.0);
    }

    @Test
    void multilabelArgmaxTopKAndThreshold() {
        List<String> labels = List.of("a", "b", "c");
        float[] p = {0.1f, 0.7f, 0.5f};
        assertThat(new DecisionApplier(TaskKind.MULTILABEL, labels, DecisionPolicy.argmax()).labels(p)).containsExactly("b", "c");
        assertThat(new DecisionApplier(TaskKind.MULTILABEL, labels, new DecisionPolicy.TopK(2)).labels(p)).containsExactly("b", "c");
        assertThat(new DecisionApplier(TaskKind.MULTILABEL, labels, new DecisionPolicy.Threshold(null, 0.6, null))
                .labels(p)).containsExactly("b");
        assertThat(new DecisionApplier(TaskKind.MULTICLASS, labels, new DecisionPolicy.TopK(5)).decide(p)).containsExactly(1, 2, 0);
    }

    @Test
    void policiesThatDoNotFitTheTaskAreRejected() {
        assertThatThrownBy(() -> new DecisionApplier(TaskKind.BINARY, List.of("no", "yes"),
                new DecisionPolicy.Threshold("maybe", 0.5, null))).hasMessageContaining("'maybe'");
        assertThatThrownBy(() -> new DecisionApplier(TaskKind.BINARY, List.of("no", "yes"),
                new DecisionPolicy.MinimumCost(Map.of("no", Map.of("perhaps", 1.0))))).hasMessageContaining("'perhaps'");
        assertThatThrownBy(() -> new DecisionApplier(TaskKind.MULTILABEL, List.of("a"),
                new DecisionPolicy.MinimumCost(Map.of()))).hasMessageContaining("MULTILABEL");
    }

    @Test
    void thresholdTuningObjectives() {
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.3, 0.2};
        boolean[] positive = {true, true, false, true, false, false};
        // F1 by threshold: 0.5, 0.8, 0.67, 0.857 (at 0.6), 0.75, 0.67 -> halfway between 0.6 and 0.3
        assertThat(ThresholdTuner.tune(ThresholdTuning.maxF1(), scores, positive, 0.5)).isCloseTo(0.45, org.assertj.core.api.Assertions.within(1e-12));
        // precision 1 holds down to 0.8 -> halfway to 0.7
        assertThat(ThresholdTuner.tune(ThresholdTuning.targetPrecision(1.0), scores, positive, 0.5)).isCloseTo(0.75, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(ThresholdTuner.tune(ThresholdTuning.targetRecall(0.6), scores, positive, 0.5)).isCloseTo(0.75, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(ThresholdTuner.tune(ThresholdTuning.targetRecall(1.0), scores, positive, 0.5)).isCloseTo(0.45, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(ThresholdTuner.tune(ThresholdTuning.none(), scores, positive, 0.5)).isEqualTo(0.5);
        assertThat(ThresholdTuner.tune(ThresholdTuning.maxF1(), scores, new boolean[6], 0.4)).isEqualTo(0.4);
    }
}
