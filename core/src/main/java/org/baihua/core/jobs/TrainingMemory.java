package org.baihua.core.jobs;

import java.util.function.LongSupplier;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;

/**
 * The memory model of a training job (docs/operations.md, "Training memory"), checked against the
 * heap before the job is queued and again once the job knows the exact figures, so that a job too
 * large for this host is refused with the size it needs instead of ending in an out-of-memory error.
 *
 * <p>Training streams the stored rows from disk on each pass (labels, preprocessing fit, feature
 * fit, features), a batch at a time, so the raw records never are all in memory: what grows with
 * the number of rows N is the feature matrix (N &times; width floats), the targets, the split
 * positions and the held-out probabilities ({@link #BYTES_PER_ROW} + outputs &times; 12 bytes a
 * row); the head's weights with their gradients and Adam moments (parameters &times; 16 bytes);
 * and a fixed {@link #WORKING_SET} for the batch being read. Text length changes none of these.
 *
 * <p>Fine-tuning the encoder adds the token ids of the training and validation texts (4 bytes a
 * token), the outputs of the frozen layers when the lower layers are frozen (one float[hidden] a
 * token), the model four times (weights, gradients, two Adam moments) and the activations of one
 * batch ({@link #ACTIVATIONS_PER_TOKEN_AND_LAYER} &times; hidden floats a token of the batch and
 * trainable layer).
 */
final class TrainingMemory {

    /** Heap per row besides its features: array header and references, target, split position, token count. */
    static final long BYTES_PER_ROW = 48;
    /** Heap for the batch being read and transformed: raw records of up to {@link FeatureMatrix#BATCH_CHARS} characters, and copies. */
    static final long WORKING_SET = FeatureMatrix.BATCH_CHARS * 2 * 4;
    /** Floats kept for back-propagation per token and trainable layer, in units of the hidden size (attention included, roughly). */
    static final long ACTIVATIONS_PER_TOKEN_AND_LAYER = 32;

    private TrainingMemory() {}

    /**
     * Bytes of heap a job over {@code rows} rows with {@code width} features, {@code outputs} labels
     * and a head of {@code headParameters} needs, roughly.
     */
    static long estimate(long rows, long width, long outputs, long headParameters) {
        return rows * (width * Float.BYTES + BYTES_PER_ROW + outputs * 12) + headParameters * Float.BYTES * 4 + WORKING_SET;
    }

    /**
     * Bytes of heap fine-tuning an encoder needs besides {@link #estimate}, roughly.
     *
     * @param tokens tokens of the training and validation texts (each at most the encoder's window)
     * @param modelBytes size of the fp32 model file (4 bytes a parameter)
     * @param cached whether the lower layers are frozen, so their outputs are cached per token
     * @param tokensPerBatch padded tokens of one batch at most
     */
    static long fineTuning(long tokens, long modelBytes, int hidden, int trainableLayers, boolean cached, long tokensPerBatch) {
        return tokens * Integer.BYTES
                + (cached ? tokens * ((long) hidden * Float.BYTES + 16) : 0)
                + modelBytes * 4
                + tokensPerBatch * hidden * Float.BYTES * ACTIVATIONS_PER_TOKEN_AND_LAYER * trainableLayers;
    }

    /**
     * Refuses (422) when {@code needed} exceeds {@code available}.
     *
     * @param what the job, for example {@code data set 'ds-1' (1,000,000 rows)}
     */
    static void check(long needed, long available, String what) {
        check(needed, () -> available, what);
    }

    /**
     * Refuses (422) when {@code needed} exceeds what {@code available} says, measured again after a
     * full collection first (garbage of earlier passes counts as used until it is collected).
     */
    static void check(long needed, LongSupplier available, String what) {
        long free = available.getAsLong();
        if (needed > free) {
            System.gc(); // only on the way to a refusal: a refusal must not be caused by garbage
            free = available.getAsLong();
        }
        if (needed > free) {
            throw new BaihuaException(Kind.UNPROCESSABLE, "Training on " + what + " needs about " + mib(needed) + " MiB of heap"
                    + " (rows x (width x 4 B + " + BYTES_PER_ROW + " B + labels x 12 B) for the features, head parameters x 16 B, "
                    + (WORKING_SET >> 20) + " MiB for the batch being read, plus the encoder's fine-tuning state when it is"
                    + " trained; see docs/operations.md); this host has " + mib(free) + " MiB available. Raise the heap"
                    + " (jvm.memory-budget-mb or -Xmx) or train on fewer rows");
        }
    }

    /** Heap the JVM may still use: the maximum less what is in use now. */
    static long availableHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
