package org.baihua.core.finetune;

import java.util.Objects;
import org.baihua.sdk.DataProfile;
import org.baihua.sdk.EncoderTraining;

/**
 * Turns a plugin's {@link EncoderTraining} preference (from its head designer) and the size of the
 * training set into the engine's {@link FineTuneOptions}. Pure: no state, no I/O.
 */
public final class EncoderTrainingPlan {

    /**
     * The contrastive phase draws 2 × iterations pairs per text; above this many pairs the
     * iterations shrink, so the phase's cost stays bounded (SetFit is meant for few-shot sets and
     * its gains flatten after a few thousand pairs).
     */
    static final long MAX_PAIRS = 20_000;

    private EncoderTrainingPlan() {}

    /**
     * @param preference the head designer's preference
     * @param encoderLayers the transformer layers of the task's encoder
     * @param profile the training set (its row count bounds the contrastive pairs)
     * @param seed the run's seed
     */
    public static FineTuneOptions options(EncoderTraining preference, int encoderLayers, DataProfile profile, long seed) {
        Objects.requireNonNull(preference, "preference is null");
        Objects.requireNonNull(profile, "profile is null");
        if (encoderLayers < 1) {
            throw new IllegalArgumentException("the encoder has no layers: " + encoderLayers);
        }
        int layers = preference.layers() == 0 ? encoderLayers : Math.min(preference.layers(), encoderLayers);
        return switch (preference.mode()) {
            case FROZEN -> FineTuneOptions.defaults(0, seed);
            case FINE_TUNE -> {
                FineTuneOptions options = FineTuneOptions.defaults(layers, seed);
                yield preference.learningRate() > 0 ? options.withEncoderLearningRate(preference.learningRate()) : options;
            }
            case CONTRASTIVE -> {
                ContrastiveOptions d = ContrastiveOptions.defaults();
                long rows = Math.max(1, profile.rows());
                int iterations = (int) Math.max(1, Math.min(d.iterations(), MAX_PAIRS / (2 * rows)));
                double rate = preference.learningRate() > 0 ? preference.learningRate() : d.learningRate();
                yield FineTuneOptions.defaults(layers, seed).withContrastive(
                        new ContrastiveOptions(iterations, rate, d.pairsPerBatch(), d.headEpochs()));
            }
        };
    }
}
