package org.baihua.core.training;

import java.util.Objects;
import org.baihua.core.training.data.LabeledData;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.TaskSpec;

/**
 * What to train: a head for a task on labelled feature vectors.
 *
 * @param task the task (kind, primary metric, default decision policy)
 * @param head the head to build (layers, activation, dropout, weighting, optimiser)
 * @param train the training split; its targets carry the label list, in output order
 * @param validation the validation split, or null for none (no early stopping, no calibration, no
 *     threshold tuning); the engine never splits {@code train} itself
 * @param params epochs, batch size, learning rate, seed, patience, schedule
 * @param calibrate whether to fit a temperature on the validation split (before tuning a threshold)
 */
public record TrainingRequest(TaskSpec task, HeadSpec head, LabeledData train, LabeledData validation,
                              TrainingParams params, boolean calibrate) {

    /** A request that calibrates on validation. */
    public TrainingRequest(TaskSpec task, HeadSpec head, LabeledData train, LabeledData validation, TrainingParams params) {
        this(task, head, train, validation, params, true);
    }

    public TrainingRequest {
        Objects.requireNonNull(task, "task is null");
        Objects.requireNonNull(head, "head is null");
        Objects.requireNonNull(train, "train is null");
        Objects.requireNonNull(params, "params is null");
    }
}
