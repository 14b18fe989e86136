package org.baihua.core.training.nn;

/**
 * Linear warm-up to the peak learning rate, then cosine decay to a floor. Warm-up keeps Adam's first
 * steps small while its moment estimates are still noisy; the decay settles the weights at the end.
 *
 * @param peak the peak learning rate
 * @param warmupSteps steps of linear warm-up (0 for none)
 * @param totalSteps all steps of the run
 * @param floorFraction the final learning rate as a fraction of the peak, in [0, 1]; 1 disables decay
 */
public record LearningRateSchedule(double peak, long warmupSteps, long totalSteps, double floorFraction) {

    public LearningRateSchedule {
        if (!(peak > 0) || warmupSteps < 0 || totalSteps < 1 || !(floorFraction >= 0 && floorFraction <= 1)) {
            throw new IllegalArgumentException("invalid schedule: peak " + peak + ", warm-up " + warmupSteps
                    + ", total " + totalSteps + ", floor " + floorFraction);
        }
    }

    /** The learning rate of step {@code step} (0-based). */
    public double at(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / (warmupSteps + 1);
        }
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return peak * (floorFraction + (1 - floorFraction) * cosine);
    }
}
