package org.baihua.sdk;

import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Chooses the head for a task given the data a user brings, for example class weighting when one
 * class is rare, or a wider layer for a large data set. Without one, the task's default
 * {@link TaskSpec#head()} is used. A head given by the user in the training request wins over both.
 *
 * <p>One instance per plugin start, called from many threads at once: implementations must be
 * thread-safe (see the package documentation).
 */
public interface HeadDesigner extends ExtensionPoint {

    /** Whether this head designer applies to the given task of the given domain. */
    boolean appliesTo(String domainId, String taskId);

    /** The head to train for {@code task} on data described by {@code profile}. */
    HeadSpec design(TaskSpec task, DataProfile profile);

    /**
     * Whether the shared text encoder should be trained with the head for {@code task} on data
     * described by {@code profile}, for example {@link EncoderTraining#contrastive(int)} when every
     * class has fewer than 50 texts and {@link EncoderTraining#fineTune(int)} from a few hundred.
     * An encoder setting in the training request wins; empty leaves the choice to the request and
     * the host (whose default is a frozen encoder). Tasks without text fields ignore it.
     *
     * @return empty by default: no preference
     * @since 0.2.0
     */
    default Optional<EncoderTraining> encoderTraining(TaskSpec task, DataProfile profile) {
        return Optional.empty();
    }
}
