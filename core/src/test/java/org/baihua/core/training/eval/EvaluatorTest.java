package org.baihua.core.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.baihua.core.training.data.Targets;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.junit.jupiter.api.Test;

/** Metrics against values computed by hand for small fixed examples. */
class EvaluatorTest {

    private static final List<String> ABC = List.of("a", "b", "c");
    private static final float[][] P = {
        {0.7f, 0.2f, 0.1f}, // truth a, predicted a
        {0.1f, 0.6f, 0.3f}, // truth b, predicted b
        {0.2f, 0.5f, 0.3f}, // truth c, predicted b
        {0.3f, 0.3f, 0.4f}, // truth c, predicted c
        {0.5f, 0.4f, 0.1f}, // truth b, predicted a
    };
    private static final Targets TRUTH = Targets.single(TaskKind.MULTICLASS, ABC, new int[] {0, 1, 2, 2, 1});

    private static Evaluation multiclass() {
        return Evaluator.evaluate(P, TRUTH, new DecisionApplier(TaskKind.MULTICLASS, ABC, DecisionPolicy.argmax()),
                "validation");
    }

    @Test
    void accuracyConfusionMatrixAndPerClassScores() {
        Evaluation e = multiclass();
        assertThat(e.accuracy()).isEqualTo(0.6);
        assertThat(e.confusionMatrix()).containsExactly(List.of(1L, 0L, 0L), List.of(1L, 1L, 0L), List.of(0L, 1L, 1L));
        ClassMetrics a = e.perClass().get(0);
        assertThat(a.precision()).isEqualTo(0.5);
        assertThat(a.recall()).isEqualTo(1.0);
        assertThat(a.f1()).isCloseTo(2.0 / 3, within(1e-12));
        ClassMetrics b = e.perClass().get(1);
        assertThat(b.f1()).isCloseTo(0.5, within(1e-12));
        ClassMetrics c = e.perClass().get(2);
        assertThat(c.precision()).isEqualTo(1.0);
        assertThat(c.recall()).isEqualTo(0.5);
        assertThat(e.macroF1()).isCloseTo(11.0 / 18, within(1e-12));
        assertThat(e.f1()).isNull(); // positive-class F1 is for binary tasks only
        assertThat(e.value(Metric.F1)).isNaN();
    }

    @Test
    void logLossAndExpectedCalibrationError() {
        Evaluation e = multiclass();
        double expected = -(Math.log(0.7f) + Math.log(0.6f) + Math.log(0.3f) + Math.log(0.4f) + Math.log(0.4f)) / 5;
        assertThat(e.logLoss()).isCloseTo(expected, within(1e-9));
        // bins: 0.7 right, 0.6 right, 0.5 and 0.5 wrong, 0.4 right -> (0.3 + 0.4 + 2 * 0.5 + 0.6) / 5
        assertThat(e.expectedCalibrationError()).isCloseTo(0.46, within(1e-6));
        // class a: its probability ranks the one 'a' row above every other row
        assertThat(e.perClass().get(0).rocAuc()).isEqualTo(1.0);
    }

    @Test
    void rocAucCountsTiesAsOneHalf() {
        double[] scores = {0.1, 0.4, 0.35, 0.8, 0.4};
        boolean[] positive = {false, false, true, true, true};
        // 6 positive-negative pairs: 4 ordered right, 1 tie (0.4 vs 0.4), 1 wrong (0.35 < 0.4)
        assertThat(RankingMetrics.rocAuc(scores, positive)).isCloseTo(4.5 / 6, within(1e-12));
        assertThat(RankingMetrics.rocAuc(scores, new boolean[5])).isNull();
    }

    @Test
    void rankingMetricsAgreeWithTheirPairwiseDefinitionsOnRandomTiedScores() {
        java.util.Random random = new java.util.Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(40);
            double[] scores = new double[n];
            boolean[] positive = new boolean[n];
            for (int r = 0; r < n; r++) {
                scores[r] = random.nextInt(6) / 5.0; // few distinct values: many ties
                positive[r] = random.nextBoolean();
            }
            double pairs = 0;
            long count = 0;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (positive[a] && !positive[b]) {
                        pairs += scores[a] > scores[b] ? 1 : scores[a] == scores[b] ? 0.5 : 0;
                        count++;
                    }
                }
            }
            Double auc = RankingMetrics.rocAuc(scores, positive);
            if (count == 0) {
                assertThat(auc).isNull();
            } else {
                assertThat(auc).isCloseTo(pairs / count, within(1e-12));
            }
            // average precision: mean over positives of the precision at their score's threshold
            double ap = 0;
            long positives = 0;
            for (int a = 0; a < n; a++) {
                if (positive[a]) {
                    positives++;
                    long atOrAbove = 0;
                    long hits = 0;
                    for (int b = 0; b < n; b++) {
                        if (scores[b] >= scores[a]) {
                            atOrAbove++;
                            hits += positive[b] ? 1 : 0;
                        }
                    }
                    ap += (double) hits / atOrAbove;
                }
            }
            Double averagePrecision = RankingMetrics.averagePrecision(scores, positive);
            if (positives == 0) {
                assertThat(averagePrecision).isNull();
            } else {
                assertThat(averagePrecision).isCloseTo(ap / positives, within(1e-12));
            }
        }
    }

    @Test
    void averagePrecisionTreatsTiedScoresAsOneThreshold() {
        double[] scores = {0.1, 0.4, 0.35, 0.8, 0.4};
        boolean[] positive = {false, false, true, true, true};
        // 0.8: P=1, +1/3 recall; 0.4 (two rows): P=2/3, +1/3; 0.35: P=3/4, +1/3
        assertThat(RankingMetrics.averagePrecision(scores, positive)).isCloseTo(29.0 / 36, within(1e-12));
        assertThat(RankingMetrics.averagePrecision(scores, new boolean[5])).isNull();
    }

    @Test
    void binaryMetricsUseThePositiveClassOfTheThresholdPolicy() {
        List<String> labels = List.of("yes", "no");
        float[][] p = {{0.9f, 0.1f}, {0.6f, 0.4f}, {0.35f, 0.65f}, {0.2f, 0.8f}};
        Targets truth = Targets.single(TaskKind.BINARY, labels, new int[] {0, 1, 0, 1});
        Evaluation e = Evaluator.evaluate(p, truth, new DecisionApplier(TaskKind.BINARY, labels,
                new DecisionPolicy.Threshold("yes", 0.3, null)), "test");
        assertThat(e.positiveLabel()).isEqualTo("yes");
        // 'yes' when p(yes) >= 0.3: rows 0, 1, 2 -> tp 2 (rows 0, 2), fp 1 (row 1), fn 0
        assertThat(e.f1()).isCloseTo(0.8, within(1e-12));
        // p(yes) of positives 0.9, 0.35; of negatives 0.6, 0.2: 3 of 4 pairs ordered right
        assertThat(e.rocAuc()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void expectedCostFollowsTheCostMatrix() {
        List<String> labels = List.of("good", "bad");
        DecisionPolicy costs = new DecisionPolicy.MinimumCost(Map.of("bad", Map.of("good", 5.0), "good", Map.of("bad", 1.0)));
        float[][] p = {{0.8f, 0.2f}, {0.9f, 0.1f}};
        Targets truth = Targets.single(TaskKind.BINARY, labels, new int[] {0, 1});
        Evaluation e = Evaluator.evaluate(p, truth, new DecisionApplier(TaskKind.BINARY, labels, costs), "test");
        // row 0: 'bad' costs 0.8 in expectation, 'good' 1.0 -> predicts bad, truly good: cost 1
        // row 1: 'good' costs 0.5, 'bad' 0.9 -> predicts good, truly bad: cost 5
        assertThat(e.expectedCost()).isEqualTo(3.0);
        assertThat(e.value(Metric.EXPECTED_COST)).isEqualTo(3.0);
    }

    @Test
    void multilabelUsesExactMatchAccuracyAndPerLabelScores() {
        List<String> labels = List.of("a", "b");
        float[][] p = {{0.9f, 0.2f}, {0.8f, 0.4f}, {0.3f, 0.1f}, {0.6f, 0.7f}};
        Targets truth = Targets.multi(labels, new boolean[][] {{true, false}, {true, true}, {false, false}, {false, true}});
        Evaluation e = Evaluator.evaluate(p, truth, new DecisionApplier(TaskKind.MULTILABEL, labels,
                DecisionPolicy.argmax()), "validation");
        assertThat(e.accuracy()).isEqualTo(0.5);
        assertThat(e.perClass().get(0).f1()).isCloseTo(0.8, within(1e-12));
        assertThat(e.perClass().get(1).f1()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(e.macroF1()).isCloseTo((0.8 + 2.0 / 3) / 2, within(1e-12));
        assertThat(e.confusionMatrix()).isNull();
    }

    @Test
    void evaluationSurvivesAJsonRoundTrip() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Evaluation e = multiclass();
        Evaluation back = mapper.readValue(mapper.writeValueAsString(e), Evaluation.class);
        assertThat(back).isEqualTo(e);
    }
}
