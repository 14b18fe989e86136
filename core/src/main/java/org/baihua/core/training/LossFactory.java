package org.baihua.core.training;

import org.baihua.core.training.data.Targets;
import org.baihua.core.training.nn.Loss;
import org.baihua.core.training.nn.SigmoidBinaryCrossEntropy;
import org.baihua.core.training.nn.SoftmaxCrossEntropy;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.HeadSpec;

/** Builds the loss of a head: softmax cross-entropy or sigmoid BCE, with the head's class weights. */
final class LossFactory {

    private LossFactory() {}

    static Loss create(HeadSpec head, Targets train) {
        ClassWeighting weighting = head.classWeighting();
        long[] counts = train.counts();
        int k = train.width();
        long n = train.rows();
        if (train.singleLabel()) {
            float[] weights = new float[k];
            for (int j = 0; j < k; j++) {
                weights[j] = switch (weighting.mode()) {
                    case NONE -> 1f;
                    case BALANCED -> counts[j] == 0 ? 1f : (float) ((double) n / (k * counts[j]));
                    case EXPLICIT -> weighting.weights().getOrDefault(train.labels().get(j), 1.0).floatValue();
                };
            }
            return new SoftmaxCrossEntropy(weights, head.labelSmoothing());
        }
        float[] positive = new float[k];
        float[] negative = new float[k];
        for (int j = 0; j < k; j++) {
            long negatives = n - counts[j];
            switch (weighting.mode()) {
                case NONE -> {
                    positive[j] = 1f;
                    negative[j] = 1f;
                }
                case BALANCED -> { // each label's positives and negatives weigh half of the loss
                    positive[j] = counts[j] == 0 ? 1f : (float) (n / (2.0 * counts[j]));
                    negative[j] = negatives == 0 ? 1f : (float) (n / (2.0 * negatives));
                }
                case EXPLICIT -> {
                    positive[j] = weighting.weights().getOrDefault(train.labels().get(j), 1.0).floatValue();
                    negative[j] = 1f;
                }
            }
        }
        return new SigmoidBinaryCrossEntropy(positive, negative);
    }
}
