package org.baihua.plugins.medical.preprocess;

import java.util.Arrays;

/** Percentiles by linear interpolation between order statistics (the common "type 7" definition). */
final class Percentiles {

    private Percentiles() {}

    /** The {@code p}-th percentile (0&ndash;100) of {@code values}, which must not be empty. */
    static double of(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = p / 100 * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
