package org.baihua.core.training;

import java.util.concurrent.atomic.AtomicBoolean;

/** Cooperative cancellation: the job system cancels, the training loop checks between mini-batches. */
public final class CancellationToken {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** A token nobody cancels. */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    /** Asks the run to stop at the next mini-batch. */
    public void cancel() {
        cancelled.set(true);
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled.get();
    }
}
