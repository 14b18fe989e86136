package org.baihua.core.training;

import java.util.Map;

/**
 * One progress event of a training run.
 *
 * @param epoch the current epoch, 1-based
 * @param epochs the maximum number of epochs
 * @param step optimisation steps done so far
 * @param totalSteps steps of all epochs (early stopping may end sooner)
 * @param trainLoss mean training loss of the current epoch so far
 * @param validation validation metrics by {@link org.baihua.sdk.Metric} name at the end of an epoch, else empty
 * @param bestEpoch the epoch with the best primary validation metric so far (0 before the first)
 * @param elapsedMillis time since training started
 * @param etaMillis estimated time to the last epoch (an upper bound when early stopping ends sooner)
 * @param epochEnd whether this event closes an epoch
 */
public record TrainingProgress(int epoch, int epochs, long step, long totalSteps, double trainLoss,
                               Map<String, Double> validation, int bestEpoch, long elapsedMillis, long etaMillis,
                               boolean epochEnd) {

    public TrainingProgress {
        validation = validation == null ? Map.of() : Map.copyOf(validation);
    }
}
