package org.baihua.sdk;

import java.util.Map;
import java.util.Objects;

/**
 * How the loss weighs each class, for imbalanced data.
 *
 * @param mode none, balanced (n / (classes &times; count of the class)), or explicit weights
 * @param weights label &rarr; weight, used with {@link Mode#EXPLICIT} only; labels not named weigh 1
 */
public record ClassWeighting(Mode mode, Map<String, Double> weights) {

    /** The weighting modes. */
    public enum Mode { NONE, BALANCED, EXPLICIT }

    public ClassWeighting {
        Objects.requireNonNull(mode, "mode is null");
        weights = weights == null ? Map.of() : Map.copyOf(weights);
        weights.forEach((label, w) -> {
            if (w == null || !(w > 0) || w.isInfinite()) {
                throw new IllegalArgumentException("weight of class '" + label + "' must be > 0, was " + w);
            }
        });
    }

    /** Every class weighs 1. */
    public static ClassWeighting none() {
        return new ClassWeighting(Mode.NONE, Map.of());
    }

    /** Weights inversely proportional to class frequency in the training split. */
    public static ClassWeighting balanced() {
        return new ClassWeighting(Mode.BALANCED, Map.of());
    }

    /** The given weights. */
    public static ClassWeighting explicit(Map<String, Double> weights) {
        return new ClassWeighting(Mode.EXPLICIT, weights);
    }

    /**
     * Explicit weights relative to the most common class, for a {@link HeadDesigner}:
     * {@code min(cap, (maxCount / count)^power)} per label present. Power 1 weighs classes like
     * {@link #balanced()} does (up to the cap); power 0.5 (square root) helps the rare classes
     * without drowning the common one, which keeps accuracy up on skewed sets. With fewer than two
     * labels present there is nothing to weigh: {@link #none()}.
     *
     * @param counts label &rarr; number of training rows, as in {@link DataProfile#labelCounts()}
     * @param power at least 0
     * @param cap the largest weight, at least 1
     */
    public static ClassWeighting relative(Map<String, Long> counts, double power, double cap) {
        Objects.requireNonNull(counts, "counts is null");
        if (!(power >= 0) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("power must be >= 0, was " + power);
        }
        if (!(cap >= 1) || Double.isInfinite(cap)) {
            throw new IllegalArgumentException("cap must be >= 1, was " + cap);
        }
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long present = counts.values().stream().filter(c -> c > 0).count();
        if (present < 2) {
            return none();
        }
        Map<String, Double> weights = new java.util.LinkedHashMap<>();
        counts.forEach((label, count) -> {
            if (count > 0) {
                weights.put(label, Math.min(cap, Math.pow((double) max / count, power)));
            }
        });
        return explicit(weights);
    }
}
