package org.baihua.core.finetune;

import java.util.List;

/**
 * The outcome of a fine-tuning run: the best weights (by validation metric) and how the run went.
 *
 * @param encoder the encoder's weights of the best epoch
 * @param head the head of the best epoch
 * @param epochs per epoch: mean training loss and validation metric
 * @param bestEpoch 1-based
 * @param steps optimisation steps run
 * @param tokens real tokens trained on
 * @param trainableLayers the top layers trained (0: the encoder was frozen)
 * @param cacheMillis time spent running the frozen lower layers once per text
 * @param trainMillis time spent in the training steps
 */
public record FineTuneResult(BertWeights encoder, LinearHead head, List<Epoch> epochs, int bestEpoch, long steps,
                             long tokens, int trainableLayers, long cacheMillis, long trainMillis) {

    /** One epoch's figures. */
    public record Epoch(int epoch, double trainLoss, double validationMetric) {}

    public FineTuneResult {
        epochs = List.copyOf(epochs);
    }

    /** The validation metric of the best epoch. */
    public double bestMetric() {
        return epochs.get(bestEpoch - 1).validationMetric();
    }
}
