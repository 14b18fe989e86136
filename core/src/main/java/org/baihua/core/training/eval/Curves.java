package org.baihua.core.training.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.baihua.core.training.data.Targets;
import org.baihua.sdk.DecisionPolicy;

/**
 * What a plot of a version's quality needs, computed once at training on the test split: ROC and
 * precision-recall points per class (one-vs-rest; for a binary task only the positive class), the
 * reliability diagram's bins, and for binary tasks the threshold table behind the decision policy
 * with the operating point serving uses. Plain data, stored with the version's metrics.
 *
 * @param split the split the curves describe
 * @param perClass one entry per label whose curves are defined (both outcomes present)
 * @param reliability the reliability diagram: top-1 confidence against correctness (multilabel: each
 *     label's probability against its outcome), {@value Evaluator#CALIBRATION_BINS} equal-width bins
 * @param positiveLabel the positive class of a binary task, else null
 * @param operatingThreshold the threshold on the positive class's probability that the policy amounts
 *     to (binary tasks), else null
 * @param thresholds the threshold table of a binary task (thresholds 0, 0.02, ... 1), else empty
 */
public record Curves(String split, List<ClassCurves> perClass, List<ReliabilityBin> reliability, String positiveLabel,
                     Double operatingThreshold, List<ThresholdRow> thresholds) {

    /** At most this many points per curve are kept; the rest are thinned evenly, ends kept. */
    public static final int MAX_POINTS = 200;

    /** Steps of the threshold table. */
    static final int THRESHOLD_STEPS = 50;

    public Curves {
        Objects.requireNonNull(split, "split is null");
        perClass = List.copyOf(perClass);
        reliability = List.copyOf(reliability);
        thresholds = List.copyOf(thresholds);
    }

    /**
     * The curves of one class against the rest.
     *
     * @param label the class
     * @param roc ROC points from (0, 0) to (1, 1), thresholds descending
     * @param pr precision-recall points, recall ascending, thresholds descending
     */
    public record ClassCurves(String label, List<RocPoint> roc, List<PrPoint> pr) {
        public ClassCurves {
            roc = List.copyOf(roc);
            pr = List.copyOf(pr);
        }
    }

    /**
     * A ROC point: rows with score &ge; threshold are called positive.
     *
     * @param threshold the score threshold (the first point, nothing called positive, has +infinity as null)
     */
    public record RocPoint(Double threshold, double falsePositiveRate, double truePositiveRate) {}

    /** A precision-recall point at a score threshold. */
    public record PrPoint(double threshold, double recall, double precision) {}

    /**
     * One bin of the reliability diagram.
     *
     * @param lower the bin's lower edge (inclusive)
     * @param upper the bin's upper edge (exclusive, but 1 is in the last bin)
     * @param count rows in the bin
     * @param meanConfidence mean predicted probability in the bin, null when empty
     * @param observed share of rows in the bin that were right (or positive), null when empty
     */
    public record ReliabilityBin(double lower, double upper, long count, Double meanConfidence, Double observed) {}

    /**
     * The decision at one threshold on the positive class's probability.
     *
     * @param threshold rows with probability &ge; threshold are called positive
     * @param precision precision of the positive calls, null when nothing is called positive
     * @param recall share of positive rows called positive
     * @param falsePositiveRate share of negative rows called positive, null without negative rows
     * @param f1 F1 of the positive class
     * @param accuracy share of rows decided right
     * @param expectedCost mean cost per row under the policy's cost matrix, null without one
     */
    public record ThresholdRow(double threshold, Double precision, double recall, Double falsePositiveRate, double f1,
                               double accuracy, Double expectedCost) {}

    /**
     * @param probabilities one row of label probabilities per example
     * @param truth the targets, same rows and labels
     * @param decisions the policy serving applies
     * @param split the split's name
     */
    public static Curves of(float[][] probabilities, Targets truth, DecisionApplier decisions, String split) {
        Objects.requireNonNull(truth, "truth is null");
        if (probabilities.length != truth.rows()) {
            throw new IllegalArgumentException(probabilities.length + " rows of probabilities for " + truth.rows()
                    + " rows of labels");
        }
        int n = truth.rows();
        int k = truth.width();
        boolean binary = truth.singleLabel() && k == 2 && truth.kind() == org.baihua.sdk.TaskKind.BINARY;
        int positiveIndex = binary ? Evaluator.positiveIndex(decisions, truth.labels()) : -1;
        List<ClassCurves> perClass = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (binary && j != positiveIndex) {
                continue;
            }
            double[] scores = new double[n];
            boolean[] positive = new boolean[n];
            for (int r = 0; r < n; r++) {
                scores[r] = probabilities[r][j];
                positive[r] = truth.has(r, j);
            }
            List<RocPoint> roc = roc(scores, positive);
            if (!roc.isEmpty()) {
                perClass.add(new ClassCurves(truth.labels().get(j), roc, precisionRecall(scores, positive)));
            }
        }
        List<ReliabilityBin> reliability = truth.singleLabel() ? topOneReliability(probabilities, truth)
                : perLabelReliability(probabilities, truth);
        if (!binary) {
            return new Curves(split, perClass, reliability, null, null, List.of());
        }
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        for (int r = 0; r < n; r++) {
            scores[r] = probabilities[r][positiveIndex];
            positive[r] = truth.classes()[r] == positiveIndex;
        }
        return new Curves(split, perClass, reliability, truth.labels().get(positiveIndex),
                operatingThreshold(decisions, positiveIndex), thresholdTable(scores, positive, decisions, positiveIndex));
    }

    /**
     * ROC points at every distinct score (tied scores are one point), from (0, 0) to (1, 1), thinned
     * to {@link #MAX_POINTS}; empty when all rows are positive or all negative.
     */
    public static List<RocPoint> roc(double[] scores, boolean[] positive) {
        Integer[] order = descending(scores, positive);
        long positives = count(positive);
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return List.of();
        }
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(null, 0, 0));
        long tp = 0;
        long fp = 0;
        int i = 0;
        while (i < order.length) {
            double threshold = scores[order[i]];
            while (i < order.length && scores[order[i]] == threshold) {
                if (positive[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            points.add(new RocPoint(threshold, (double) fp / negatives, (double) tp / positives));
        }
        return thin(points);
    }

    /**
     * Precision-recall points at every distinct score (tied scores are one point), recall
     * ascending, thinned to {@link #MAX_POINTS}; empty when no row is positive.
     */
    public static List<PrPoint> precisionRecall(double[] scores, boolean[] positive) {
        Integer[] order = descending(scores, positive);
        long positives = count(positive);
        if (positives == 0) {
            return List.of();
        }
        List<PrPoint> points = new ArrayList<>();
        long tp = 0;
        long called = 0;
        int i = 0;
        while (i < order.length) {
            double threshold = scores[order[i]];
            while (i < order.length && scores[order[i]] == threshold) {
                tp += positive[order[i]] ? 1 : 0;
                called++;
                i++;
            }
            points.add(new PrPoint(threshold, (double) tp / positives, (double) tp / called));
        }
        return thin(points);
    }

    /** Keeps at most {@link #MAX_POINTS} points, evenly spaced by index, the first and last always kept. */
    static <T> List<T> thin(List<T> points) {
        if (points.size() <= MAX_POINTS) {
            return points;
        }
        List<T> kept = new ArrayList<>(MAX_POINTS);
        double step = (points.size() - 1) / (double) (MAX_POINTS - 1);
        for (int i = 0; i < MAX_POINTS; i++) {
            kept.add(points.get((int) Math.round(i * step)));
        }
        return kept;
    }

    private static List<ReliabilityBin> topOneReliability(float[][] p, Targets truth) {
        int n = truth.rows();
        double[] confidence = new double[n];
        boolean[] hit = new boolean[n];
        for (int r = 0; r < n; r++) {
            int top = 0;
            for (int j = 1; j < p[r].length; j++) {
                if (p[r][j] > p[r][top]) {
                    top = j;
                }
            }
            confidence[r] = p[r][top];
            hit[r] = top == truth.classes()[r];
        }
        return bins(confidence, hit);
    }

    private static List<ReliabilityBin> perLabelReliability(float[][] p, Targets truth) {
        int n = truth.rows();
        int k = truth.width();
        double[] probability = new double[n * k];
        boolean[] outcome = new boolean[n * k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) {
                probability[r * k + j] = p[r][j];
                outcome[r * k + j] = truth.has(r, j);
            }
        }
        return bins(probability, outcome);
    }

    /** The same binning as the expected calibration error of {@link Evaluator}. */
    static List<ReliabilityBin> bins(double[] value, boolean[] outcome) {
        int b = Evaluator.CALIBRATION_BINS;
        double[] sum = new double[b];
        long[] hits = new long[b];
        long[] count = new long[b];
        for (int i = 0; i < value.length; i++) {
            int bin = Math.min(b - 1, (int) (value[i] * b));
            sum[bin] += value[i];
            hits[bin] += outcome[i] ? 1 : 0;
            count[bin]++;
        }
        List<ReliabilityBin> bins = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            bins.add(new ReliabilityBin((double) i / b, (double) (i + 1) / b, count[i],
                    count[i] == 0 ? null : sum[i] / count[i], count[i] == 0 ? null : (double) hits[i] / count[i]));
        }
        return bins;
    }

    /**
     * The threshold on the positive probability that the binary policy amounts to: the policy's own
     * threshold; for a cost matrix, where calling positive starts to cost less in expectation; else 0.5.
     */
    static double operatingThreshold(DecisionApplier decisions, int positiveIndex) {
        DecisionPolicy policy = decisions.policy();
        if (policy instanceof DecisionPolicy.Threshold threshold) {
            return threshold.threshold();
        }
        if (policy instanceof DecisionPolicy.MinimumCost) {
            int negativeIndex = 1 - positiveIndex;
            double falsePositive = decisions.cost(negativeIndex, positiveIndex) - decisions.cost(negativeIndex, negativeIndex);
            double falseNegative = decisions.cost(positiveIndex, negativeIndex) - decisions.cost(positiveIndex, positiveIndex);
            if (falsePositive + falseNegative > 0) {
                return Math.max(0, Math.min(1, falsePositive / (falsePositive + falseNegative)));
            }
        }
        return 0.5;
    }

    private static List<ThresholdRow> thresholdTable(double[] scores, boolean[] positive, DecisionApplier decisions,
                                                     int positiveIndex) {
        long positives = count(positive);
        long negatives = scores.length - positives;
        int negativeIndex = 1 - positiveIndex;
        boolean costed = decisions.policy() instanceof DecisionPolicy.MinimumCost;
        List<ThresholdRow> rows = new ArrayList<>(THRESHOLD_STEPS + 1);
        for (int s = 0; s <= THRESHOLD_STEPS; s++) {
            double t = (double) s / THRESHOLD_STEPS;
            long tp = 0;
            long fp = 0;
            double cost = 0;
            for (int r = 0; r < scores.length; r++) {
                boolean called = scores[r] >= t;
                tp += called && positive[r] ? 1 : 0;
                fp += called && !positive[r] ? 1 : 0;
                if (costed) {
                    cost += decisions.cost(positive[r] ? positiveIndex : negativeIndex, called ? positiveIndex : negativeIndex);
                }
            }
            long fn = positives - tp;
            long tn = negatives - fp;
            rows.add(new ThresholdRow(t, tp + fp == 0 ? null : (double) tp / (tp + fp),
                    positives == 0 ? 0 : (double) tp / positives, negatives == 0 ? null : (double) fp / negatives,
                    tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn), (double) (tp + tn) / scores.length,
                    costed ? cost / scores.length : null));
        }
        return rows;
    }

    private static Integer[] descending(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " labels");
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score of row " + i + " is NaN");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        return order;
    }

    private static long count(boolean[] flags) {
        long c = 0;
        for (boolean f : flags) {
            c += f ? 1 : 0;
        }
        return c;
    }
}
