package org.baihua.sdk;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Cleans records and derives features for a domain's tasks. The host applies the same preprocessor
 * with the same fitted state in training and serving, so there is no training/serving skew.
 * {@link #transform} must be deterministic: the same record and state give the same output.
 *
 * <p>One instance per plugin start, called from many threads at once: implementations must be
 * thread-safe (see the package documentation).
 */
public interface Preprocessor extends ExtensionPoint {

    /** Whether this preprocessor applies to the given task of the given domain. */
    boolean appliesTo(String domainId, String taskId);

    /**
     * Learns whatever the transform needs from the training split (for example, medians for imputation).
     *
     * @param training the training records; the host may read them from disk each time the list is
     *     iterated, so that a large data set is never held in memory: iterate it (as often as needed)
     *     rather than indexing it at random, and keep aggregates, not the records
     */
    FittedState fit(TaskSpec task, List<DataRecord> training);

    /**
     * Transforms one record with the fitted state.
     *
     * @throws IllegalArgumentException when the record cannot be used, with the field and reason
     */
    DataRecord transform(DataRecord record, FittedState state);
}
