package org.baihua.core.training;

/**
 * How a head is trained: the knobs of a training request ({@code training} in the REST API).
 *
 * @param epochs maximum passes over the training split, &ge; 1
 * @param batchSize examples per update, &ge; 1
 * @param learningRate peak learning rate overriding the head's optimiser default, or null
 * @param seed seed of initialisation, shuffling, dropout and the validation split: same seed and
 *     data give bit-identical weights
 * @param validationSplit share of the training data held out for validation when no validation
 *     set is given, in [0, 1); 0 trains on everything (no early stopping, no threshold tuning)
 * @param patience epochs without improvement of the primary validation metric before stopping;
 *     0 disables early stopping (the last weights are kept)
 * @param threads threads for the matrix kernels, &ge; 1; results do not depend on it
 * @param warmupFraction share of all steps spent warming the learning rate up linearly, in [0, 1)
 * @param finalLearningRateFraction the learning rate at the end of the cosine decay, as a share of
 *     the peak, in [0, 1]; 1 keeps it constant
 */
public record TrainingParams(int epochs, int batchSize, Double learningRate, long seed, double validationSplit,
                             int patience, int threads, double warmupFraction, double finalLearningRateFraction) {

    public TrainingParams {
        if (epochs < 1 || epochs > 100_000) {
            throw new IllegalArgumentException("epochs must be in [1, 100000], was " + epochs);
        }
        if (batchSize < 1 || batchSize > 1_000_000) {
            throw new IllegalArgumentException("batchSize must be in [1, 1000000], was " + batchSize);
        }
        if (learningRate != null && (!(learningRate > 0) || learningRate.isInfinite())) {
            throw new IllegalArgumentException("learningRate must be > 0, was " + learningRate);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1), was " + validationSplit);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, was " + patience);
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be in [1, 256], was " + threads);
        }
        if (!(warmupFraction >= 0 && warmupFraction < 1)) {
            throw new IllegalArgumentException("warmupFraction must be in [0, 1), was " + warmupFraction);
        }
        if (!(finalLearningRateFraction >= 0 && finalLearningRateFraction <= 1)) {
            throw new IllegalArgumentException("finalLearningRateFraction must be in [0, 1], was " + finalLearningRateFraction);
        }
    }

    /** 50 epochs of 64, seed 42, 10% validation, patience 5, up to 2 threads, 5% warm-up, decay to 10%. */
    public static TrainingParams defaults() {
        return new TrainingParams(50, 64, null, 42, 0.1, 5,
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), 0.05, 0.1);
    }

    /** A copy with another epoch count. */
    public TrainingParams withEpochs(int value) {
        return new TrainingParams(value, batchSize, learningRate, seed, validationSplit, patience, threads,
                warmupFraction, finalLearningRateFraction);
    }

    /** A copy with another batch size. */
    public TrainingParams withBatchSize(int value) {
        return new TrainingParams(epochs, value, learningRate, seed, validationSplit, patience, threads,
                warmupFraction, finalLearningRateFraction);
    }

    /** A copy with a learning-rate override (null: the head's default). */
    public TrainingParams withLearningRate(Double value) {
        return new TrainingParams(epochs, batchSize, value, seed, validationSplit, patience, threads,
                warmupFraction, finalLearningRateFraction);
    }

    /** A copy with another seed. */
    public TrainingParams withSeed(long value) {
        return new TrainingParams(epochs, batchSize, learningRate, value, validationSplit, patience, threads,
                warmupFraction, finalLearningRateFraction);
    }

    /** A copy with another validation share. */
    public TrainingParams withValidationSplit(double value) {
        return new TrainingParams(epochs, batchSize, learningRate, seed, value, patience, threads,
                warmupFraction, finalLearningRateFraction);
    }

    /** A copy with another patience (0: no early stopping). */
    public TrainingParams withPatience(int value) {
        return new TrainingParams(epochs, batchSize, learningRate, seed, validationSplit, value, threads,
                warmupFraction, finalLearningRateFraction);
    }

    /** A copy with another thread count. */
    public TrainingParams withThreads(int value) {
        return new TrainingParams(epochs, batchSize, learningRate, seed, validationSplit, patience, value,
                warmupFraction, finalLearningRateFraction);
    }

    /** A copy with another schedule: warm-up share and final learning-rate share. */
    public TrainingParams withSchedule(double warmup, double finalFraction) {
        return new TrainingParams(epochs, batchSize, learningRate, seed, validationSplit, patience, threads,
                warmup, finalFraction);
    }
}
