package org.baihua.core.training.eval;

/**
 * How a head's probabilities were calibrated, with the expected calibration error (ECE) and
 * log-loss on the data the temperature was fitted on, before and after.
 *
 * @param temperature the temperature T dividing the output logits (1: left as trained)
 * @param fittedOn where T was fitted: {@code validation} or {@code out-of-fold} (cross-validation)
 * @param rows rows T was fitted on
 * @param eceBefore ECE of the uncalibrated head on those rows
 * @param eceAfter ECE of the calibrated head on those rows
 * @param logLossBefore log-loss of the uncalibrated head on those rows
 * @param logLossAfter log-loss of the calibrated head on those rows
 */
public record Calibration(double temperature, String fittedOn, int rows, double eceBefore, double eceAfter,
                          double logLossBefore, double logLossAfter) {

    public Calibration {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0, was " + temperature);
        }
    }
}
