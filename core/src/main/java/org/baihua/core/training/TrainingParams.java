package org.baihua.core.training;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.baihua.core.InvalidRequestException;

/**
 * How a model version is trained: the one type for the {@code training} object of a REST or CLI
 * request, the training job, the engine and the lineage. Immutable; built with {@link #builder()},
 * where every setting is optional ({@code opt…}, as in DJL's {@code Criteria}) and the ranges are
 * checked once, in {@link Builder#build()}. The JSON form uses the same names without the prefix
 * ({@code {"epochs": 50, "validationSplit": 0}}).
 *
 * <p>The two split shares are applied by whoever splits the data set (the training job); the engine
 * trains on exactly the training and validation sets it is given and never splits again.
 */
@JsonDeserialize(builder = TrainingParams.Builder.class)
public final class TrainingParams {

    /** Default share held out for validation and, separately, for the test metrics. */
    public static final double DEFAULT_SPLIT = 0.15;

    private final int epochs;
    private final Integer batchSize;
    private final Double learningRate;
    private final long seed;
    private final double validationSplit;
    private final double testSplit;
    private final int patience;
    private final double warmupFraction;
    private final double finalLearningRateFraction;
    private final EncoderTuning encoder;

    private TrainingParams(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.learningRate = b.learningRate;
        this.seed = b.seed;
        this.validationSplit = b.validationSplit;
        this.testSplit = b.testSplit;
        this.patience = b.patience;
        this.warmupFraction = b.warmupFraction;
        this.finalLearningRateFraction = b.finalLearningRateFraction;
        this.encoder = b.encoder;
    }

    /** Every default: 50 epochs, batch size from the data, the head's learning rate, seed 42, 15 % + 15 % held out, patience 5. */
    public static TrainingParams defaults() {
        return builder().build();
    }

    /** A builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these parameters, to change some of them. */
    public Builder toBuilder() {
        return new Builder().optEpochs(epochs).optBatchSize(batchSize).optLearningRate(learningRate).optSeed(seed)
                .optValidationSplit(validationSplit).optTestSplit(testSplit).optPatience(patience)
                .optWarmupFraction(warmupFraction).optFinalLearningRateFraction(finalLearningRateFraction).optEncoder(encoder);
    }

    /** Maximum passes over the training split, in [1, 10000]. */
    public int epochs() {
        return epochs;
    }

    /** Examples per update, in [1, 65536], or null: chosen from the number of training rows ({@link #batchSizeFor}). */
    public Integer batchSize() {
        return batchSize;
    }

    /**
     * The batch size for {@code trainRows} training rows: the one set, or about twenty updates per epoch
     * with 16 to 64 examples each, so that small data sets still get enough optimisation steps.
     */
    public int batchSizeFor(long trainRows) {
        if (batchSize != null) {
            return batchSize;
        }
        return (int) Math.max(16, Math.min(64, trainRows / 20));
    }

    /**
     * These parameters with the batch size fixed for a data set of {@code rows} (before splitting), when
     * none was set: what a job records in its lineage and trains with.
     */
    public TrainingParams withBatchSizeForDataset(long rows) {
        if (batchSize != null) {
            return this;
        }
        return toBuilder().optBatchSize(batchSizeFor(Math.round(rows * (1 - validationSplit - testSplit)))).build();
    }

    /** Peak learning rate in (0, 10) overriding the head's optimiser default, or null for that default. */
    public Double learningRate() {
        return learningRate;
    }

    /** Seed of the split, initialisation, shuffling and dropout: same seed and data give bit-identical weights. */
    public long seed() {
        return seed;
    }

    /**
     * Share of the data set held out for validation (early stopping, threshold tuning), in [0, 0.5]; 0
     * trains on everything, without early stopping or threshold tuning.
     */
    public double validationSplit() {
        return validationSplit;
    }

    /** Share of the data set held out for the final test metrics, in [0, 0.5]. */
    public double testSplit() {
        return testSplit;
    }

    /** Epochs without improvement of the primary validation metric before stopping, in [0, 10000]; 0 disables early stopping. */
    public int patience() {
        return patience;
    }

    /** Share of all steps spent warming the learning rate up linearly, in [0, 1). */
    public double warmupFraction() {
        return warmupFraction;
    }

    /** The learning rate at the end of the cosine decay as a share of the peak, in [0, 1]; 1 keeps it constant. */
    public double finalLearningRateFraction() {
        return finalLearningRateFraction;
    }

    /** Whether the text encoder stays frozen (the default) or is trained on the data set, and how. */
    public EncoderTuning encoder() {
        return encoder == null ? EncoderTuning.frozen() : encoder;
    }

    /** Whether the request set {@link #encoder()}; when not, the training job asks the plugin's head designer. */
    public boolean encoderRequested() {
        return encoder != null;
    }

    /** The parameters as recorded in a version's lineage: every one, by its JSON name (also the JSON form). */
    @com.fasterxml.jackson.annotation.JsonValue
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("epochs", epochs);
        map.put("batchSize", batchSize);
        map.put("learningRate", learningRate);
        map.put("seed", seed);
        map.put("validationSplit", validationSplit);
        map.put("testSplit", testSplit);
        map.put("patience", patience);
        map.put("warmupFraction", warmupFraction);
        map.put("finalLearningRateFraction", finalLearningRateFraction);
        if (encoder != null) {
            map.put("encoder", encoder.asMap());
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingParams p && asMap().equals(p.asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return "TrainingParams" + asMap();
    }

    /**
     * Builds {@link TrainingParams}; every setting is optional. Jackson reads the JSON form through it,
     * so a value out of range in a request is refused with the field named ({@code training.epochs}).
     */
    @JsonPOJOBuilder(withPrefix = "opt")
    public static final class Builder {
        private int epochs = 50;
        private Integer batchSize;
        private Double learningRate;
        private long seed = 42;
        private double validationSplit = DEFAULT_SPLIT;
        private double testSplit = DEFAULT_SPLIT;
        private int patience = 5;
        private double warmupFraction = 0.05;
        private double finalLearningRateFraction = 0.1;
        private EncoderTuning encoder;

        private Builder() {}

        /** Maximum epochs, in [1, 10000]; default 50. */
        public Builder optEpochs(int value) {
            this.epochs = value;
            return this;
        }

        /** Examples per update, in [1, 65536]; null (default) chooses it from the data. */
        public Builder optBatchSize(Integer value) {
            this.batchSize = value;
            return this;
        }

        /** Peak learning rate in (0, 10); null (default) keeps the head's optimiser default. */
        public Builder optLearningRate(Double value) {
            this.learningRate = value;
            return this;
        }

        /** Random seed; default 42. */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /** Share held out for validation, in [0, 0.5]; default 0.15; 0 for none. */
        public Builder optValidationSplit(double value) {
            this.validationSplit = value;
            return this;
        }

        /** Share held out for the test metrics, in [0, 0.5]; default 0.15. */
        public Builder optTestSplit(double value) {
            this.testSplit = value;
            return this;
        }

        /** Early-stopping patience in epochs, in [0, 10000]; default 5; 0 disables early stopping. */
        public Builder optPatience(int value) {
            this.patience = value;
            return this;
        }

        /** Share of the steps spent warming up, in [0, 1); default 0.05. */
        public Builder optWarmupFraction(double value) {
            this.warmupFraction = value;
            return this;
        }

        /** Final learning rate as a share of the peak, in [0, 1]; default 0.1; 1 keeps it constant. */
        public Builder optFinalLearningRateFraction(double value) {
            this.finalLearningRateFraction = value;
            return this;
        }

        /** Frozen, fine-tuned or contrastive text encoder; null (default) lets the plugin's head designer choose, else frozen. */
        public Builder optEncoder(EncoderTuning value) {
            this.encoder = value;
            return this;
        }

        /**
         * The parameters.
         *
         * @throws InvalidRequestException naming the field ({@code training.epochs}) when a value is out of range
         */
        public TrainingParams build() {
            check(epochs >= 1 && epochs <= 10_000, "epochs", "must be in [1, 10000]", epochs);
            check(batchSize == null || (batchSize >= 1 && batchSize <= 65_536), "batchSize", "must be in [1, 65536]", batchSize);
            check(learningRate == null || (learningRate > 0 && learningRate < 10), "learningRate", "must be in (0, 10)",
                    learningRate);
            check(validationSplit >= 0 && validationSplit <= 0.5, "validationSplit", "must be in [0, 0.5]", validationSplit);
            check(testSplit >= 0 && testSplit <= 0.5, "testSplit", "must be in [0, 0.5]", testSplit);
            check(validationSplit + testSplit < 1, "testSplit", "plus training.validationSplit must leave rows to train on",
                    testSplit);
            check(patience >= 0 && patience <= 10_000, "patience", "must be in [0, 10000]", patience);
            check(warmupFraction >= 0 && warmupFraction < 1, "warmupFraction", "must be in [0, 1)", warmupFraction);
            check(finalLearningRateFraction >= 0 && finalLearningRateFraction <= 1, "finalLearningRateFraction",
                    "must be in [0, 1]", finalLearningRateFraction);
            return new TrainingParams(this);
        }

        private static void check(boolean ok, String name, String rule, Object value) {
            if (!ok) { // NaN fails every comparison above, so it lands here too
                String field = "training." + name;
                throw new InvalidRequestException(field, field + " " + rule + ", was " + Objects.toString(value));
            }
        }
    }
}
