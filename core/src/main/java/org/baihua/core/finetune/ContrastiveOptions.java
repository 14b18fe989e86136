package org.baihua.core.finetune;

/**
 * The contrastive (SetFit-style) phase that adapts the encoder on pairs of training texts before
 * the head is trained, for few-shot data sets (fewer than about 50 texts per class), where the
 * task's loss through a fresh head gives the encoder too little signal.
 *
 * <p>For every training text and iteration, one text with the same labels (target cosine 1) and
 * one with other labels (target cosine 0) are drawn; the encoder's L2-normalised sentence vectors
 * of each pair are pulled towards their target by the squared error of their cosine. Then the
 * encoder is frozen and the linear head is trained on its vectors.
 *
 * @param iterations pairs drawn per training text and kind (same / other labels); SetFit's default is 20
 * @param learningRate the peak learning rate of the top encoder layer in this phase (lower layers decay
 *                     by {@link FineTuneOptions#layerDecay()})
 * @param pairsPerBatch pairs per step at most (also bounded by {@link FineTuneOptions#tokensPerBatch()})
 * @param headEpochs epochs of the head's training on the adapted, frozen encoder (cheap: the vectors
 *                   are computed once); early stopping uses {@link FineTuneOptions#patience()}
 */
public record ContrastiveOptions(int iterations, double learningRate, int pairsPerBatch, int headEpochs) {

    /** The mode name in training requests: {@code "contrastive"}. */
    public static final String MODE = "contrastive";

    public ContrastiveOptions {
        if (iterations < 1 || pairsPerBatch < 1 || headEpochs < 1) {
            throw new IllegalArgumentException("contrastive iterations, pairs per batch and head epochs must be >= 1, were "
                    + iterations + ", " + pairsPerBatch + ", " + headEpochs);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("the contrastive learning rate must be > 0, was " + learningRate);
        }
    }

    /** SetFit's defaults: 20 iterations, learning rate 2e-5, 16 pairs per step; 100 head epochs. */
    public static ContrastiveOptions defaults() {
        return new ContrastiveOptions(20, 2e-5, 16, 100);
    }
}
