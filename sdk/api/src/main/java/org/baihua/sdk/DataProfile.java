package org.baihua.sdk;

import java.util.Map;

/**
 * What the host knows of a training set when a {@link HeadDesigner} chooses a head.
 *
 * @param rows number of training records
 * @param labelCounts label &rarr; number of training records carrying it
 * @param featureDimensions width of the feature vector the head receives
 */
public record DataProfile(long rows, Map<String, Long> labelCounts, int featureDimensions) {

    public DataProfile {
        labelCounts = Map.copyOf(labelCounts);
        if (rows < 0 || featureDimensions < 0) {
            throw new IllegalArgumentException("rows and feature dimensions must be >= 0");
        }
    }

    /** Count of the rarest label divided by the count of the most common one; 1 when balanced. */
    public double imbalanceRatio() {
        long min = labelCounts.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long max = labelCounts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return max == 0 ? 1 : (double) min / max;
    }
}
