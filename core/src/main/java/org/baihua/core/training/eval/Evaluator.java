package org.baihua.core.training.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.baihua.core.training.data.Targets;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.TaskKind;

/** Computes an {@link Evaluation} of predicted probabilities against the truth under a decision policy. */
public final class Evaluator {

    static final int CALIBRATION_BINS = 15;
    private static final double EPSILON = 1e-15;

    private Evaluator() {}

    /**
     * @param probabilities one row of label probabilities per example
     * @param truth the targets, same rows and labels
     * @param decisions the policy serving will apply
     * @param split the split's name, for the record
     */
    public static Evaluation evaluate(float[][] probabilities, Targets truth, DecisionApplier decisions, String split) {
        Objects.requireNonNull(truth, "truth is null");
        if (probabilities.length != truth.rows()) {
            throw new IllegalArgumentException(probabilities.length + " rows of probabilities for " + truth.rows()
                    + " rows of labels");
        }
        if (truth.rows() == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty " + split + " split");
        }
        return truth.singleLabel()
                ? singleLabel(probabilities, truth, decisions, split)
                : multiLabel(probabilities, truth, decisions, split);
    }

    private static Evaluation singleLabel(float[][] p, Targets truth, DecisionApplier decisions, String split) {
        int n = truth.rows();
        int k = truth.width();
        long[][] confusion = new long[k][k];
        double logLoss = 0;
        double cost = 0;
        long correct = 0;
        double[] confidence = new double[n];
        boolean[] hit = new boolean[n];
        for (int r = 0; r < n; r++) {
            int actual = truth.classes()[r];
            int predicted = decisions.decide(p[r])[0];
            confusion[actual][predicted]++;
            if (actual == predicted) {
                correct++;
            }
            logLoss -= Math.log(Math.max(p[r][actual], EPSILON));
            cost += decisions.cost(actual, predicted);
            int top = 0;
            for (int j = 1; j < k; j++) {
                if (p[r][j] > p[r][top]) {
                    top = j;
                }
            }
            confidence[r] = p[r][top];
            hit[r] = top == actual;
        }
        List<ClassMetrics> perClass = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            long support = 0;
            long predicted = 0;
            for (int a = 0; a < k; a++) {
                support += confusion[j][a];
                predicted += confusion[a][j];
            }
            double[] scores = column(p, j);
            boolean[] positive = new boolean[n];
            for (int r = 0; r < n; r++) {
                positive[r] = truth.classes()[r] == j;
            }
            perClass.add(ClassMetrics.of(truth.labels().get(j), support, predicted, confusion[j][j],
                    RankingMetrics.rocAuc(scores, positive), RankingMetrics.averagePrecision(scores, positive)));
        }
        List<List<Long>> matrix = new ArrayList<>();
        for (long[] row : confusion) {
            matrix.add(java.util.Arrays.stream(row).boxed().toList());
        }
        boolean binary = truth.kind() == TaskKind.BINARY && k == 2;
        int positiveIndex = binary ? positiveIndex(decisions, truth.labels()) : -1;
        ClassMetrics positive = binary ? perClass.get(positiveIndex) : null;
        boolean hasCost = decisions.policy() instanceof DecisionPolicy.MinimumCost;
        return new Evaluation(split, n, truth.labels(), (double) correct / n, macroF1(perClass),
                binary ? positive.f1() : null, binary ? positive.label() : null,
                binary ? positive.rocAuc() : mean(perClass, true), binary ? positive.prAuc() : mean(perClass, false),
                logLoss / n, calibrationError(confidence, hit), hasCost ? cost / n : null, perClass, matrix);
    }

    private static Evaluation multiLabel(float[][] p, Targets truth, DecisionApplier decisions, String split) {
        int n = truth.rows();
        int k = truth.width();
        long[] support = new long[k];
        long[] predicted = new long[k];
        long[] truePositives = new long[k];
        long exact = 0;
        double logLoss = 0;
        double[] confidence = new double[n * k];
        boolean[] hit = new boolean[n * k];
        for (int r = 0; r < n; r++) {
            boolean[] chosen = new boolean[k];
            for (int j : decisions.decide(p[r])) {
                chosen[j] = true;
            }
            boolean same = true;
            for (int j = 0; j < k; j++) {
                boolean actual = truth.has(r, j);
                support[j] += actual ? 1 : 0;
                predicted[j] += chosen[j] ? 1 : 0;
                truePositives[j] += actual && chosen[j] ? 1 : 0;
                same &= actual == chosen[j];
                double q = p[r][j];
                logLoss -= actual ? Math.log(Math.max(q, EPSILON)) : Math.log(Math.max(1 - q, EPSILON));
                // calibration of each label's probability as its own binary forecast
                confidence[r * k + j] = q;
                hit[r * k + j] = actual;
            }
            exact += same ? 1 : 0;
        }
        List<ClassMetrics> perClass = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double[] scores = column(p, j);
            boolean[] positive = new boolean[n];
            for (int r = 0; r < n; r++) {
                positive[r] = truth.has(r, j);
            }
            perClass.add(ClassMetrics.of(truth.labels().get(j), support[j], predicted[j], truePositives[j],
                    RankingMetrics.rocAuc(scores, positive), RankingMetrics.averagePrecision(scores, positive)));
        }
        return new Evaluation(split, n, truth.labels(), (double) exact / n, macroF1(perClass), null, null,
                mean(perClass, true), mean(perClass, false), logLoss / ((double) n * k),
                reliability(confidence, hit), null, perClass, null);
    }

    /** The positive class of a binary task: the threshold policy's, else the second label. */
    static int positiveIndex(DecisionApplier decisions, List<String> labels) {
        if (decisions.policy() instanceof DecisionPolicy.Threshold t && t.positiveLabel() != null) {
            return labels.indexOf(t.positiveLabel());
        }
        return 1;
    }

    private static double[] column(float[][] p, int j) {
        double[] scores = new double[p.length];
        for (int r = 0; r < p.length; r++) {
            scores[r] = p[r][j];
        }
        return scores;
    }

    private static double macroF1(List<ClassMetrics> perClass) {
        return perClass.stream().mapToDouble(ClassMetrics::f1).average().orElse(0);
    }

    private static Double mean(List<ClassMetrics> perClass, boolean roc) {
        double[] values = perClass.stream().map(c -> roc ? c.rocAuc() : c.prAuc())
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
        return values.length == 0 ? null : java.util.Arrays.stream(values).average().orElseThrow();
    }

    /** ECE of top-1 confidence against top-1 correctness. */
    static double calibrationError(double[] confidence, boolean[] correct) {
        return binned(confidence, correct);
    }

    /** ECE of each probability against its own outcome (multilabel). */
    static double reliability(double[] probability, boolean[] outcome) {
        return binned(probability, outcome);
    }

    private static double binned(double[] value, boolean[] outcome) {
        double[] sum = new double[CALIBRATION_BINS];
        long[] hits = new long[CALIBRATION_BINS];
        long[] count = new long[CALIBRATION_BINS];
        for (int i = 0; i < value.length; i++) {
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (value[i] * CALIBRATION_BINS));
            sum[bin] += value[i];
            hits[bin] += outcome[i] ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            if (count[b] > 0) {
                ece += Math.abs(sum[b] / count[b] - (double) hits[b] / count[b]) * count[b] / value.length;
            }
        }
        return ece;
    }
}
