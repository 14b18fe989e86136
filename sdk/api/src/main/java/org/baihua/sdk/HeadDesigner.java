package org.baihua.sdk;

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
}
