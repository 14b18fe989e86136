package org.baihua.core.jobs;

import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;

/**
 * The memory model of a training job, checked against the heap before the job is queued so that a
 * data set too large for this host is refused with the size it needs instead of ending in an
 * out-of-memory error.
 *
 * <p>A job holds the data set's rows twice (as read, and preprocessed; about {@link #BYTES_PER_FIELD}
 * bytes per field of a row in the JVM), and the features of every row as floats (rows &times;
 * width &times; 4 bytes; width is the encoder's for text tasks, else at least one per input field),
 * plus the head's weights with their optimiser state (parameters &times; 4 bytes &times; 4).
 */
final class TrainingMemory {

    /** Heap per field of one row, measured on the bundled samples (strings, boxed numbers, map entries). */
    static final long BYTES_PER_FIELD = 160;

    private TrainingMemory() {}

    /** Bytes of heap a job over {@code rows} rows of {@code fields} fields and {@code width} features needs, roughly. */
    static long estimate(long rows, int fields, long width, long headParameters) {
        return rows * fields * BYTES_PER_FIELD * 2 + rows * width * Float.BYTES + headParameters * Float.BYTES * 4;
    }

    /**
     * Refuses (422) when {@code needed} exceeds {@code available}.
     *
     * @param what the job, for example {@code data set 'ds-1' (1,000,000 rows)}
     */
    static void check(long needed, long available, String what) {
        if (needed > available) {
            throw new BaihuaException(Kind.UNPROCESSABLE, "Training on " + what + " needs about " + mib(needed) + " MiB of heap "
                    + "(rows x fields x " + BYTES_PER_FIELD + " B x 2 for the records, rows x width x 4 B for the features); this host has "
                    + mib(available) + " MiB available. Raise the heap (jvm.memory-budget-mb or -Xmx) or train on fewer rows");
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
