package org.baihua.sdk;

import java.util.Objects;

/**
 * The optimiser the training engine uses for a head, with its defaults.
 *
 * @param kind SGD (with momentum), Adam or AdamW
 * @param learningRate peak learning rate, &gt; 0
 * @param weightDecay L2 (SGD, Adam) or decoupled (AdamW) weight decay, &ge; 0
 * @param momentum SGD momentum in [0, 1); ignored by Adam and AdamW
 */
public record OptimizerSpec(Kind kind, double learningRate, double weightDecay, double momentum) {

    /** The optimisers the engine implements. */
    public enum Kind { SGD, ADAM, ADAMW }

    public OptimizerSpec {
        Objects.requireNonNull(kind, "optimizer kind is null");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, was " + learningRate);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, was " + weightDecay);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), was " + momentum);
        }
    }

    /** Adam with learning rate 1e-3 and no weight decay. */
    public static OptimizerSpec adam() {
        return new OptimizerSpec(Kind.ADAM, 1e-3, 0, 0);
    }

    /** AdamW with the given learning rate and decoupled weight decay. */
    public static OptimizerSpec adamW(double learningRate, double weightDecay) {
        return new OptimizerSpec(Kind.ADAMW, learningRate, weightDecay, 0);
    }
}
