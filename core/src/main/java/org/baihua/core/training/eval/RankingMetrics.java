package org.baihua.core.training.eval;

import java.util.Arrays;

/** Threshold-free metrics of scores against binary truth: ROC-AUC and average precision (PR-AUC). */
public final class RankingMetrics {

    private RankingMetrics() {}

    /**
     * Area under the ROC curve, the Mann-Whitney statistic with tied scores given their mean rank
     * (a tie between a positive and a negative counts one half).
     *
     * @return the AUC, or null when all rows are positive or all negative
     */
    public static Double rocAuc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = sortedAscending(scores);
        long positives = 0;
        double rankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double meanRank = (i + j) / 2.0 + 1; // ranks are 1-based
            for (int t = i; t <= j; t++) {
                if (positive[order[t]]) {
                    positives++;
                    rankSum += meanRank;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Average precision: the sum over score thresholds (tied scores form one threshold) of the
     * precision at that threshold times the recall gained there.
     *
     * @return the average precision, or null when no row is positive
     */
    public static Double averagePrecision(double[] scores, boolean[] positive) {
        int n = scores.length;
        long positives = 0;
        for (boolean p : positive) {
            if (p) {
                positives++;
            }
        }
        if (positives == 0) {
            return null;
        }
        Integer[] order = sortedAscending(scores);
        double ap = 0;
        long tp = 0;
        long seen = 0;
        int i = n - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            long gained = 0;
            for (int t = j; t <= i; t++) {
                seen++;
                if (positive[order[t]]) {
                    gained++;
                }
            }
            tp += gained;
            if (gained > 0) {
                ap += ((double) gained / positives) * ((double) tp / seen);
            }
            i = j - 1;
        }
        return ap;
    }

    private static Integer[] sortedAscending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        return order;
    }
}
