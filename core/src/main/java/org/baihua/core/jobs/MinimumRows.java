package org.baihua.core.jobs;

import java.util.Map;
import java.util.TreeMap;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;

/**
 * The least data a training request is accepted with. Below {@link #PER_LABEL} rows of a label the
 * held-out splits get no example of it, or one: the "test accuracy 1.0000" of eight rows measures
 * nothing, so the request is refused before it is queued, with the counts and the number to reach.
 */
final class MinimumRows {

    /** Rows each label of a binary or multiclass data set needs: also what 5-fold cross-validation needs. */
    static final int PER_LABEL = 5;

    private MinimumRows() {}

    /**
     * Refuses a binary or multiclass data set with a label seen fewer than {@link #PER_LABEL} times.
     * Multilabel sets are not refused for one rare label (it is rare by nature there); their metrics
     * say how many test examples carry each label.
     */
    static void check(TaskSpec task, DatasetInfo dataset) {
        if (task.kind() == TaskKind.MULTILABEL) {
            return;
        }
        Map<String, Long> few = new TreeMap<>();
        dataset.labelCounts().forEach((label, count) -> {
            if (count < PER_LABEL) {
                few.put(label, count);
            }
        });
        if (!few.isEmpty()) {
            throw new InvalidRequestException("dataset", "Data set '" + dataset.id() + "' has too few rows to train and test a model: "
                    + "every label needs at least " + PER_LABEL + " rows, and " + describe(few) + " (all labels: "
                    + new TreeMap<>(dataset.labelCounts()) + "); ingest more rows of "
                    + (few.size() == 1 ? "that label" : "those labels"));
        }
    }

    private static String describe(Map<String, Long> counts) {
        StringBuilder out = new StringBuilder();
        counts.forEach((label, count) -> out.append(out.length() == 0 ? "" : ", ").append("'").append(label).append("' has ").append(count));
        return out.toString();
    }
}
