package org.baihua.core.finetune;

/**
 * How an encoder is fine-tuned together with its head.
 *
 * @param trainableLayers the top transformer layers trained; {@code 0} trains the head only (frozen
 *                        encoder), the encoder's layer count trains every layer and the embeddings
 * @param encoderLearningRate the peak learning rate of the top encoder layer
 * @param headLearningRate the peak learning rate of the head (higher: it starts from scratch)
 * @param layerDecay each layer further down learns at this fraction of the one above it, in (0, 1]
 * @param weightDecay AdamW's decoupled weight decay of weight matrices
 * @param warmupFraction the share of all steps spent warming the learning rate up linearly; it then decays linearly to 0
 * @param clipNorm the global gradient norm is clipped to this
 * @param maxEpochs epochs at most
 * @param patience epochs without a better validation metric before stopping
 * @param tokensPerBatch padded tokens per batch (batch size × longest text in it), the unit of batching
 * @param maxBatchSize texts per batch at most
 * @param seed seeds the head's initial weights, the order of batches and the contrastive pairs
 * @param contrastive when not null, mode {@value ContrastiveOptions#MODE}: the top {@code trainableLayers}
 *                    are first adapted on pairs of texts (see {@link ContrastiveOptions}), then the
 *                    head alone is trained on the adapted encoder; {@code encoderLearningRate} and
 *                    {@code maxEpochs} are then unused
 */
public record FineTuneOptions(int trainableLayers, double encoderLearningRate, double headLearningRate,
                              double layerDecay, double weightDecay, double warmupFraction, double clipNorm,
                              int maxEpochs, int patience, int tokensPerBatch, int maxBatchSize, long seed,
                              ContrastiveOptions contrastive) {

    /** Mode {@code "fine-tune"} (or frozen, with {@code trainableLayers = 0}): no contrastive phase. */
    public FineTuneOptions(int trainableLayers, double encoderLearningRate, double headLearningRate,
                           double layerDecay, double weightDecay, double warmupFraction, double clipNorm,
                           int maxEpochs, int patience, int tokensPerBatch, int maxBatchSize, long seed) {
        this(trainableLayers, encoderLearningRate, headLearningRate, layerDecay, weightDecay, warmupFraction, clipNorm,
                maxEpochs, patience, tokensPerBatch, maxBatchSize, seed, null);
    }

    public FineTuneOptions {
        if (trainableLayers < 0) {
            throw new IllegalArgumentException("trainable layers must be >= 0, was " + trainableLayers);
        }
        if (!(encoderLearningRate > 0) || !(headLearningRate > 0)) {
            throw new IllegalArgumentException("learning rates must be > 0, were " + encoderLearningRate + " (encoder) and "
                    + headLearningRate + " (head)");
        }
        if (!(layerDecay > 0 && layerDecay <= 1) || !(weightDecay >= 0) || !(warmupFraction >= 0 && warmupFraction < 1)
                || !(clipNorm > 0)) {
            throw new IllegalArgumentException("layer decay must be in (0, 1], weight decay >= 0, warm-up in [0, 1),"
                    + " clip norm > 0; were " + layerDecay + ", " + weightDecay + ", " + warmupFraction + ", " + clipNorm);
        }
        if (maxEpochs < 1 || patience < 1 || tokensPerBatch < 1 || maxBatchSize < 1) {
            throw new IllegalArgumentException("epochs, patience, tokens per batch and batch size must be >= 1, were "
                    + maxEpochs + ", " + patience + ", " + tokensPerBatch + ", " + maxBatchSize);
        }
        if (contrastive != null && trainableLayers == 0) {
            throw new IllegalArgumentException("the contrastive mode trains encoder layers: trainable layers must be >= 1");
        }
    }

    /**
     * Mode {@value ContrastiveOptions#MODE} with the defaults of {@link #defaults} and of
     * {@link ContrastiveOptions#defaults()}.
     */
    public static FineTuneOptions contrastive(int trainableLayers, long seed) {
        return defaults(trainableLayers, seed).withContrastive(ContrastiveOptions.defaults());
    }

    /** The mode name of these options: {@code "frozen"}, {@code "fine-tune"} or {@code "contrastive"}. */
    public String mode() {
        return contrastive != null ? ContrastiveOptions.MODE : trainableLayers == 0 ? "frozen" : "fine-tune";
    }

    /** A copy with a contrastive phase (or none, with null). */
    public FineTuneOptions withContrastive(ContrastiveOptions options) {
        return new FineTuneOptions(trainableLayers, encoderLearningRate, headLearningRate, layerDecay, weightDecay,
                warmupFraction, clipNorm, maxEpochs, patience, tokensPerBatch, maxBatchSize, seed, options);
    }

    /** A copy training another number of top layers. */
    public FineTuneOptions withTrainableLayers(int layers) {
        return new FineTuneOptions(layers, encoderLearningRate, headLearningRate, layerDecay, weightDecay,
                warmupFraction, clipNorm, maxEpochs, patience, tokensPerBatch, maxBatchSize, seed, contrastive);
    }

    /** A copy with another head learning rate. */
    public FineTuneOptions withHeadLearningRate(double rate) {
        return new FineTuneOptions(trainableLayers, encoderLearningRate, rate, layerDecay, weightDecay,
                warmupFraction, clipNorm, maxEpochs, patience, tokensPerBatch, maxBatchSize, seed, contrastive);
    }

    /** A copy with another seed. */
    public FineTuneOptions withSeed(long newSeed) {
        return new FineTuneOptions(trainableLayers, encoderLearningRate, headLearningRate, layerDecay, weightDecay,
                warmupFraction, clipNorm, maxEpochs, patience, tokensPerBatch, maxBatchSize, newSeed, contrastive);
    }

    /** Defaults as in BERT fine-tuning recipes: encoder 3e-5, head 1e-3, decay 0.9, 6 % warm-up, clip 1. */
    public static FineTuneOptions defaults(int trainableLayers, long seed) {
        return new FineTuneOptions(trainableLayers, 3e-5, 1e-3, 0.9, 0.01, 0.06, 1.0, 3, 2, 2048, 32, seed);
    }

    /** A copy with another encoder learning rate. */
    public FineTuneOptions withEncoderLearningRate(double rate) {
        return new FineTuneOptions(trainableLayers, rate, headLearningRate, layerDecay, weightDecay, warmupFraction,
                clipNorm, maxEpochs, patience, tokensPerBatch, maxBatchSize, seed, contrastive);
    }

    /** A copy with other epoch limits. */
    public FineTuneOptions withEpochs(int epochs, int patienceEpochs) {
        return new FineTuneOptions(trainableLayers, encoderLearningRate, headLearningRate, layerDecay, weightDecay,
                warmupFraction, clipNorm, epochs, patienceEpochs, tokensPerBatch, maxBatchSize, seed, contrastive);
    }
}
