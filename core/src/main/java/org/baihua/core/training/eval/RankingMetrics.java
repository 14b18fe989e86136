package org.baihua.core.training.eval;

import java.util.Arrays;

/**
 * Threshold-free metrics of scores against binary truth: ROC-AUC and average precision (PR-AUC).
 * Both sort the positive and the negative scores apart (primitive sorts) and merge them.
 */
public final class RankingMetrics {

    private RankingMetrics() {}

    /**
     * Area under the ROC curve: the share of positive-negative pairs ranked right, a tie counting
     * one half (the Mann-Whitney statistic with mid-ranks).
     *
     * @return the AUC, or null when all rows are positive or all negative
     */
    public static Double rocAuc(double[] scores, boolean[] positive) {
        double[][] split = split(scores, positive);
        double[] pos = split[0];
        double[] neg = split[1];
        if (pos.length == 0 || neg.length == 0) {
            return null;
        }
        double pairs = 0;
        int below = 0;
        int upTo = 0;
        for (double p : pos) {
            while (below < neg.length && neg[below] < p) {
                below++;
            }
            upTo = Math.max(upTo, below);
            while (upTo < neg.length && neg[upTo] <= p) {
                upTo++;
            }
            pairs += below + 0.5 * (upTo - below);
        }
        return pairs / ((double) pos.length * neg.length);
    }

    /**
     * Average precision: the sum over score thresholds (tied scores form one threshold) of the
     * precision at that threshold times the recall gained there.
     *
     * @return the average precision, or null when no row is positive
     */
    public static Double averagePrecision(double[] scores, boolean[] positive) {
        double[][] split = split(scores, positive);
        double[] pos = split[0];
        double[] neg = split[1];
        if (pos.length == 0) {
            return null;
        }
        int i = pos.length - 1;
        int j = neg.length - 1;
        long tp = 0;
        long seen = 0;
        double ap = 0;
        while (i >= 0) { // below the lowest positive score no recall is gained
            double threshold = j >= 0 ? Math.max(pos[i], neg[j]) : pos[i];
            long gained = 0;
            while (i >= 0 && pos[i] == threshold) {
                gained++;
                i--;
            }
            long others = 0;
            while (j >= 0 && neg[j] == threshold) {
                others++;
                j--;
            }
            tp += gained;
            seen += gained + others;
            if (gained > 0) {
                ap += ((double) gained / pos.length) * ((double) tp / seen);
            }
        }
        return ap;
    }

    /** [sorted scores of positive rows, sorted scores of negative rows]. */
    private static double[][] split(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " labels");
        }
        int p = 0;
        for (boolean b : positive) {
            p += b ? 1 : 0;
        }
        double[] pos = new double[p];
        double[] neg = new double[scores.length - p];
        int a = 0;
        int b = 0;
        for (int r = 0; r < scores.length; r++) {
            if (Double.isNaN(scores[r])) {
                throw new IllegalArgumentException("score of row " + r + " is NaN");
            }
            if (positive[r]) {
                pos[a++] = scores[r];
            } else {
                neg[b++] = scores[r];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        return new double[][] {pos, neg};
    }
}
