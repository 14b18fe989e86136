package org.baihua.core.training;

import java.util.Map;

/**
 * The summary of one epoch, kept in the trained head's history.
 *
 * @param epoch 1-based
 * @param trainLoss mean training loss over the epoch
 * @param learningRate the learning rate at the epoch's last step
 * @param validation validation metrics by name (empty without a validation split)
 * @param elapsedMillis time since training started, at the epoch's end
 */
public record EpochRecord(int epoch, double trainLoss, double learningRate, Map<String, Double> validation,
                          long elapsedMillis) {

    public EpochRecord {
        validation = Map.copyOf(validation);
    }
}
