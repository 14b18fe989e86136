package org.baihua.core.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.baihua.core.training.data.Targets;
import org.baihua.core.training.eval.Curves.PrPoint;
import org.baihua.core.training.eval.Curves.RocPoint;
import org.baihua.core.training.eval.Curves.ThresholdRow;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.ThresholdTuning;
import org.junit.jupiter.api.Test;

/** ROC, PR, reliability and threshold-table points against values computed by hand. */
class CurvesTest {

    // sorted by score: P N (P N tied) P N
    private static final double[] SCORES = {0.4, 0.9, 0.2, 0.7, 0.8, 0.7};
    private static final boolean[] POSITIVE = {true, true, false, false, false, true};

    @Test
    void rocPointsEqualTheHandComputedOnes() {
        assertThat(Curves.roc(SCORES, POSITIVE)).containsExactly(
                new RocPoint(null, 0, 0),
                new RocPoint(0.9, 0, 1.0 / 3),
                new RocPoint(0.8, 1.0 / 3, 1.0 / 3),
                new RocPoint(0.7, 2.0 / 3, 2.0 / 3), // the tie moves both rates at once
                new RocPoint(0.4, 2.0 / 3, 1),
                new RocPoint(0.2, 1, 1));
    }

    @Test
    void precisionRecallPointsEqualTheHandComputedOnes() {
        assertThat(Curves.precisionRecall(SCORES, POSITIVE)).containsExactly(
                new PrPoint(0.9, 1.0 / 3, 1),
                new PrPoint(0.8, 1.0 / 3, 0.5),
                new PrPoint(0.7, 2.0 / 3, 0.5),
                new PrPoint(0.4, 1, 0.6),
                new PrPoint(0.2, 1, 0.5));
    }

    @Test
    void theAreaUnderTheRocPointsIsTheRankingAuc() {
        List<RocPoint> roc = Curves.roc(SCORES, POSITIVE);
        double area = 0;
        for (int i = 1; i < roc.size(); i++) {
            area += (roc.get(i).falsePositiveRate() - roc.get(i - 1).falsePositiveRate())
                    * (roc.get(i).truePositiveRate() + roc.get(i - 1).truePositiveRate()) / 2;
        }
        assertThat(area).isCloseTo(11.0 / 18, within(1e-12)).isCloseTo(RankingMetrics.rocAuc(SCORES, POSITIVE), within(1e-12));
    }

    @Test
    void curvesNeedBothOutcomesAndMatchingLengths() {
        assertThat(Curves.roc(new double[] {0.1, 0.2}, new boolean[] {true, true})).isEmpty();
        assertThat(Curves.precisionRecall(new double[] {0.1, 0.2}, new boolean[] {false, false})).isEmpty();
        assertThatThrownBy(() -> Curves.roc(new double[] {0.1}, new boolean[] {true, false}))
                .hasMessageContaining("1 scores for 2 labels");
    }

    @Test
    void longCurvesAreThinnedToTwoHundredPointsKeepingBothEnds() {
        int n = 1000;
        double[] scores = IntStream.range(0, n).mapToDouble(i -> i / (double) n).toArray();
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            positive[i] = i % 3 == 0;
        }
        List<RocPoint> roc = Curves.roc(scores, positive);
        assertThat(roc).hasSize(Curves.MAX_POINTS);
        assertThat(roc.get(0)).isEqualTo(new RocPoint(null, 0, 0));
        assertThat(roc.get(roc.size() - 1).falsePositiveRate()).isEqualTo(1.0);
        assertThat(roc.get(roc.size() - 1).truePositiveRate()).isEqualTo(1.0);
        assertThat(Curves.precisionRecall(scores, positive)).hasSize(Curves.MAX_POINTS);
    }

    @Test
    void binaryCurvesCarryTheThresholdTableAndTheOperatingPoint() {
        List<String> labels = List.of("no", "yes");
        float[][] p = new float[SCORES.length][];
        int[] classes = new int[SCORES.length];
        for (int r = 0; r < SCORES.length; r++) {
            p[r] = new float[] {(float) (1 - SCORES[r]), (float) SCORES[r]};
            classes[r] = POSITIVE[r] ? 1 : 0;
        }
        Targets truth = Targets.single(TaskKind.BINARY, labels, classes);
        // a missed "yes" costs 3, a false alarm 1: calling "yes" pays from p = 1 / (1 + 3) on
        DecisionPolicy costs = new DecisionPolicy.MinimumCost(Map.of("yes", Map.of("no", 3.0), "no", Map.of("yes", 1.0)));
        Curves curves = Curves.of(p, truth, new DecisionApplier(TaskKind.BINARY, labels, costs), "test");
        assertThat(curves.positiveLabel()).isEqualTo("yes");
        assertThat(curves.operatingThreshold()).isEqualTo(0.25);
        assertThat(curves.perClass()).singleElement().satisfies(c -> assertThat(c.label()).isEqualTo("yes"));
        assertThat(curves.thresholds()).hasSize(51);
        ThresholdRow half = curves.thresholds().get(25); // t = 0.5: calls 0.9, 0.8, 0.7, 0.7 positive
        assertThat(half.threshold()).isEqualTo(0.5);
        assertThat(half.precision()).isEqualTo(0.5);
        assertThat(half.recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(half.falsePositiveRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(half.f1()).isCloseTo(4.0 / 7, within(1e-12));
        assertThat(half.accuracy()).isCloseTo(3.0 / 6, within(1e-12));
        assertThat(half.expectedCost()).isCloseTo((2 * 1.0 + 1 * 3.0) / 6, within(1e-12));
        ThresholdRow one = curves.thresholds().get(50); // nothing called positive
        assertThat(one.precision()).isNull();
        assertThat(one.expectedCost()).isCloseTo(3 * 3.0 / 6, within(1e-12));

        Curves tuned = Curves.of(p, truth, new DecisionApplier(TaskKind.BINARY, labels,
                new DecisionPolicy.Threshold("yes", 0.65, ThresholdTuning.none())), "test");
        assertThat(tuned.operatingThreshold()).isEqualTo(0.65);
        assertThat(tuned.thresholds().get(25).expectedCost()).isNull();
    }

    @Test
    void reliabilityBinsCountEveryRowOnce() {
        List<String> abc = List.of("a", "b", "c");
        float[][] p = {{0.7f, 0.2f, 0.1f}, {0.1f, 0.6f, 0.3f}, {0.2f, 0.5f, 0.3f}, {0.3f, 0.3f, 0.4f}, {0.5f, 0.4f, 0.1f}};
        Targets truth = Targets.single(TaskKind.MULTICLASS, abc, new int[] {0, 1, 2, 2, 1});
        Curves curves = Curves.of(p, truth, new DecisionApplier(TaskKind.MULTICLASS, abc, DecisionPolicy.argmax()), "test");
        assertThat(curves.reliability()).hasSize(Evaluator.CALIBRATION_BINS);
        assertThat(curves.reliability().stream().mapToLong(Curves.ReliabilityBin::count).sum()).isEqualTo(5);
        // bin [7/15, 8/15) holds the two 0.5 confidences, both wrong
        Curves.ReliabilityBin bin = curves.reliability().get(7);
        assertThat(bin.count()).isEqualTo(2);
        assertThat(bin.meanConfidence()).isCloseTo(0.5, within(1e-6));
        assertThat(bin.observed()).isEqualTo(0.0);
        assertThat(curves.perClass()).extracting(Curves.ClassCurves::label).containsExactly("a", "b", "c");
        assertThat(curves.thresholds()).isEmpty();
        assertThat(curves.operatingThreshold()).isNull();
    }
}
