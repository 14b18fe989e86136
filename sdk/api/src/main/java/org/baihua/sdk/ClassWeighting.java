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
}
