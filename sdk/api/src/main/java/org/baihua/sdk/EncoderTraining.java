package org.baihua.sdk;

import java.util.Objects;

/**
 * Whether and how the host's shared text encoder is trained together with a task's head: a
 * {@link HeadDesigner}'s preference for a task and data size (see
 * {@link HeadDesigner#encoderTraining(TaskSpec, DataProfile)}). An encoder setting in the training
 * request wins over it.
 *
 * <ul>
 *   <li>{@link Mode#FROZEN}: the encoder is not trained, only the head on its vectors (cheapest;
 *       the default).</li>
 *   <li>{@link Mode#FINE_TUNE}: the task's loss is back-propagated through the head and the top
 *       {@code layers} of the encoder (all of them with {@code layers = 0}). Pays off from a few
 *       hundred texts per class; costs minutes to tens of CPU-minutes per thousand texts.</li>
 *   <li>{@link Mode#CONTRASTIVE}: few-shot (fewer than about 50 texts per class): the encoder's
 *       top {@code layers} are first adapted on pairs of texts (same labels → similar vectors),
 *       SetFit-style, then the head is trained on the adapted encoder.</li>
 * </ul>
 *
 * <pre>{@code
 * public Optional<EncoderTraining> encoderTraining(TaskSpec task, DataProfile profile) {
 *     long rarest = profile.labelCounts().values().stream().mapToLong(Long::longValue).min().orElse(0);
 *     return Optional.of(rarest < 50 ? EncoderTraining.contrastive(0) : EncoderTraining.fineTune(2));
 * }
 * }</pre>
 *
 * @param mode frozen, fine-tune or contrastive
 * @param layers the top encoder layers trained; 0 for all of them (ignored when frozen); a number
 *               above the encoder's layer count means all
 * @param learningRate the peak learning rate of the top encoder layer, or 0 for the host's default
 *                     (3e-5 when fine-tuning, 2e-5 in the contrastive phase)
 */
public record EncoderTraining(Mode mode, int layers, double learningRate) {

    /** How the encoder is trained. */
    public enum Mode {
        /** Head only, on the encoder's fixed vectors. */
        FROZEN,
        /** The task's loss through head and encoder. */
        FINE_TUNE,
        /** Pairs of texts first (few-shot), then the head. */
        CONTRASTIVE
    }

    public EncoderTraining {
        Objects.requireNonNull(mode, "encoder training mode is null");
        if (layers < 0) {
            throw new IllegalArgumentException("encoder layers must be >= 0 (0 = all), was " + layers);
        }
        if (!(learningRate >= 0) || Double.isInfinite(learningRate) || learningRate >= 1) {
            throw new IllegalArgumentException("encoder learning rate must be in [0, 1) (0 = the host's default), was "
                    + learningRate);
        }
        if (mode == Mode.FROZEN) {
            layers = 0;
            learningRate = 0;
        }
    }

    /** The encoder is not trained. */
    public static EncoderTraining frozen() {
        return new EncoderTraining(Mode.FROZEN, 0, 0);
    }

    /** Fine-tunes the top {@code layers} layers (0 for all) at the host's default learning rate. */
    public static EncoderTraining fineTune(int layers) {
        return new EncoderTraining(Mode.FINE_TUNE, layers, 0);
    }

    /** Contrastive few-shot adaptation of the top {@code layers} layers (0 for all), then the head. */
    public static EncoderTraining contrastive(int layers) {
        return new EncoderTraining(Mode.CONTRASTIVE, layers, 0);
    }

    /** This preference with another encoder learning rate (0 for the host's default). */
    public EncoderTraining withLearningRate(double rate) {
        return new EncoderTraining(mode, layers, rate);
    }
}
