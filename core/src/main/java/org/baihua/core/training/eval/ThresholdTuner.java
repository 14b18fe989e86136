package org.baihua.core.training.eval;

import java.util.Arrays;
import org.baihua.sdk.ThresholdTuning;

/**
 * Chooses a binary decision threshold on validation scores. A row is positive when its score is
 * at least the threshold; the threshold returned lies halfway between the chosen score and the
 * next lower one, so that unseen scores near the boundary fall on the side the data supports.
 */
public final class ThresholdTuner {

    private ThresholdTuner() {}

    /**
     * @param current the threshold to keep when tuning is off or the data cannot support it (no positive row)
     * @return the tuned threshold in [0, 1]
     */
    public static double tune(ThresholdTuning tuning, double[] scores, boolean[] positive, double current) {
        if (tuning.objective() == ThresholdTuning.Objective.NONE || scores.length == 0) {
            return current;
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        long positives = 0;
        for (boolean p : positive) {
            if (p) {
                positives++;
            }
        }
        if (positives == 0) {
            return current;
        }
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        double bestRecall = -1;
        long tp = 0;
        long fp = 0;
        int i = 0;
        int n = scores.length;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            for (int t = i; t <= j; t++) {
                if (positive[order[t]]) {
                    tp++;
                } else {
                    fp++;
                }
            }
            double precision = (double) tp / (tp + fp);
            double recall = (double) tp / positives;
            switch (tuning.objective()) {
                case MAX_F1 -> {
                    double f1 = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
                    if (f1 > bestValue) {
                        bestValue = f1;
                        best = j;
                    }
                }
                case TARGET_PRECISION -> {
                    // the lowest threshold reaching the target; failing that, the best precision seen
                    boolean reaches = precision >= tuning.target();
                    double value = reaches ? 2 + recall : precision;
                    if (value > bestValue || (value == bestValue && recall > bestRecall)) {
                        bestValue = value;
                        bestRecall = recall;
                        best = j;
                    }
                }
                case TARGET_RECALL -> {
                    if (recall >= tuning.target() && best < 0) {
                        best = j;
                    }
                }
                case NONE -> { }
            }
            i = j + 1;
        }
        double chosen = scores[order[best]];
        double next = best + 1 < n ? scores[order[best + 1]] : 0;
        return Math.max(0, Math.min(1, best + 1 < n ? (chosen + next) / 2 : chosen));
    }
}
