package org.baihua.core.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.training.TrainingParams;

/**
 * The training parameters a user may set; every one is optional.
 *
 * @param epochs maximum epochs, 1 to 10,000
 * @param batchSize examples per update, 1 to 65,536
 * @param learningRate peak learning rate, &gt; 0
 * @param seed random seed (split, initialisation, shuffling, dropout)
 * @param validationSplit share held out for validation (early stopping, threshold tuning), in [0, 0.5]
 * @param testSplit share held out for the final test metrics, in [0, 0.5]
 * @param patience epochs without improvement before stopping; 0 = no early stopping
 */
public record TrainingOptions(Integer epochs, Integer batchSize, Double learningRate, Long seed, Double validationSplit,
                              Double testSplit, Integer patience) {

    public TrainingOptions {
        check(epochs == null || (epochs >= 1 && epochs <= 10_000), "training.epochs", "must be in [1, 10000]", epochs);
        check(batchSize == null || (batchSize >= 1 && batchSize <= 65_536), "training.batchSize", "must be in [1, 65536]", batchSize);
        check(learningRate == null || (learningRate > 0 && learningRate < 10), "training.learningRate", "must be in (0, 10)", learningRate);
        check(validationSplit == null || (validationSplit >= 0 && validationSplit <= 0.5), "training.validationSplit",
                "must be in [0, 0.5]", validationSplit);
        check(testSplit == null || (testSplit >= 0 && testSplit <= 0.5), "training.testSplit", "must be in [0, 0.5]", testSplit);
        // Both shares come out of the same rows; at least 20 % must be left to train on.
        check(validationSplit == null || testSplit == null || validationSplit + testSplit <= 0.8,
                "training.testSplit", "plus training.validationSplit must be at most 0.8 (the rest is trained on)",
                validationSplit + " + " + testSplit);
        check(patience == null || (patience >= 0 && patience <= 10_000), "training.patience", "must be in [0, 10000]", patience);
    }

    private static void check(boolean ok, String field, String rule, Object value) {
        if (!ok) {
            throw new InvalidRequestException(field, field + " " + rule + ", was " + value);
        }
    }

    /** No options: every default. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(null, null, null, null, null, null, null);
    }

    /** The engine's parameters with these options applied. */
    public TrainingParams params(int threads) {
        TrainingParams p = TrainingParams.defaults().withThreads(threads);
        if (epochs != null) {
            p = p.withEpochs(epochs);
        }
        if (batchSize != null) {
            p = p.withBatchSize(batchSize);
        }
        if (learningRate != null) {
            p = p.withLearningRate(learningRate);
        }
        if (seed != null) {
            p = p.withSeed(seed);
        }
        if (patience != null) {
            p = p.withPatience(patience);
        }
        return p;
    }

    /**
     * These options with the batch size filled in for a data set of {@code rows} when none was given:
     * about twenty updates per epoch, between 16 and 64 examples each, so that small data sets still
     * get enough optimisation steps.
     */
    public TrainingOptions withBatchSizeFor(long rows) {
        if (batchSize != null) {
            return this;
        }
        long trainRows = Math.round(rows * (1 - validationShare() - testShare()));
        int batch = (int) Math.max(16, Math.min(64, trainRows / 20));
        return new TrainingOptions(epochs, batch, learningRate, seed, validationSplit, testSplit, patience);
    }

    /** Share held out for validation (default 0.15). */
    public double validationShare() {
        return validationSplit == null ? 0.15 : validationSplit;
    }

    /** Share held out for test (default 0.15). */
    public double testShare() {
        return testSplit == null ? 0.15 : testSplit;
    }

    /** The options as recorded in lineage, defaults filled in. */
    public Map<String, Object> asLineage(TrainingParams params) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("epochs", params.epochs());
        map.put("batchSize", params.batchSize());
        map.put("learningRate", params.learningRate());
        map.put("seed", params.seed());
        map.put("validationSplit", validationShare());
        map.put("testSplit", testShare());
        map.put("patience", params.patience());
        return map;
    }
}
