package org.baihua.core.training;

/** Training stopped because its {@link CancellationToken} was cancelled; nothing is returned. */
public class TrainingCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;

    public TrainingCancelledException(int epoch, long step) {
        super("training cancelled in epoch " + epoch + " at step " + step);
        this.epoch = epoch;
    }

    /** The epoch in which the run was cancelled, 1-based. */
    public int epoch() {
        return epoch;
    }
}
