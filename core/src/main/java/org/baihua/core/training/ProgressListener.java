package org.baihua.core.training;

/** Receives progress events of a training run, on the training thread; keep it quick. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every event. */
    ProgressListener NONE = progress -> { };

    /** Called at the end of every epoch and, between epochs, at most about once a second. */
    void onProgress(TrainingProgress progress);
}
