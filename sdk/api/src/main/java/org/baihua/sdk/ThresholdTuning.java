package org.baihua.sdk;

/**
 * How training chooses a binary decision threshold on the validation split.
 *
 * @param objective what to optimise
 * @param target the precision or recall to reach, in (0, 1]; ignored for {@link Objective#NONE} and {@link Objective#MAX_F1}
 */
public record ThresholdTuning(Objective objective, double target) {

    /** What a tuned threshold optimises. */
    public enum Objective {
        /** Keep the threshold as given. */
        NONE,
        /** The threshold with the best F1 of the positive class. */
        MAX_F1,
        /** The lowest threshold whose precision reaches {@code target} (most recall at that precision). */
        TARGET_PRECISION,
        /** The highest threshold whose recall reaches {@code target} (most precision at that recall). */
        TARGET_RECALL
    }

    public ThresholdTuning {
        if (objective == null) {
            objective = Objective.NONE;
        }
        if ((objective == Objective.TARGET_PRECISION || objective == Objective.TARGET_RECALL)
                && !(target > 0 && target <= 1)) {
            throw new IllegalArgumentException(objective + " needs a target in (0, 1], was " + target);
        }
    }

    /** No tuning. */
    public static ThresholdTuning none() {
        return new ThresholdTuning(Objective.NONE, 0);
    }

    /** Tune for the best F1. */
    public static ThresholdTuning maxF1() {
        return new ThresholdTuning(Objective.MAX_F1, 0);
    }

    /** Tune for a target precision. */
    public static ThresholdTuning targetPrecision(double precision) {
        return new ThresholdTuning(Objective.TARGET_PRECISION, precision);
    }

    /** Tune for a target recall. */
    public static ThresholdTuning targetRecall(double recall) {
        return new ThresholdTuning(Objective.TARGET_RECALL, recall);
    }
}
