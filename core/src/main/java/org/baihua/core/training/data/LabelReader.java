package org.baihua.core.training.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;

/** Reads the labels of records into {@link Targets}, with errors naming the line at fault. */
public final class LabelReader {

    private LabelReader() {}

    /**
     * The label set of a task: the task's own labels, or, when they come from the data, the sorted
     * distinct labels of the training records.
     */
    public static List<String> labelSet(TaskSpec task, List<DataRecord> training, String labelField) {
        if (!task.labelsFromData()) {
            return task.labels();
        }
        TreeSet<String> seen = new TreeSet<>();
        for (DataRecord record : training) {
            seen.addAll(labelsOf(task, record, labelField));
        }
        return List.copyOf(seen);
    }

    /**
     * The targets of {@code records} over {@code labels}.
     *
     * @throws IllegalArgumentException for a missing label or one outside {@code labels}, naming the line
     */
    public static Targets read(TaskSpec task, List<String> labels, List<DataRecord> records, String labelField) {
        Objects.requireNonNull(labelField, "labelField is null");
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < labels.size(); j++) {
            index.put(labels.get(j), j);
        }
        if (task.kind() == TaskKind.MULTILABEL) {
            boolean[][] sets = new boolean[records.size()][labels.size()];
            for (int r = 0; r < records.size(); r++) {
                for (String label : labelsOf(task, records.get(r), labelField)) {
                    sets[r][indexOf(index, label, records.get(r), labelField, labels)] = true;
                }
            }
            return Targets.multi(labels, sets);
        }
        int[] classes = new int[records.size()];
        for (int r = 0; r < records.size(); r++) {
            List<String> found = labelsOf(task, records.get(r), labelField);
            classes[r] = indexOf(index, found.get(0), records.get(r), labelField, labels);
        }
        return Targets.single(task.kind(), labels, classes);
    }

    private static int indexOf(Map<String, Integer> index, String label, DataRecord record, String field,
                               List<String> labels) {
        Integer j = index.get(label);
        if (j == null) {
            throw new IllegalArgumentException("line " + record.line() + ": label '" + label + "' in field '" + field
                    + "' is not one of the task's labels " + labels);
        }
        return j;
    }

    private static List<String> labelsOf(TaskSpec task, DataRecord record, String field) {
        Object value = record.get(field);
        if (task.kind() == TaskKind.MULTILABEL) {
            if (value == null) {
                return List.of(); // a record may carry no label at all
            }
            if (value instanceof List<?> list) {
                List<String> labels = new ArrayList<>();
                list.forEach(item -> labels.add((String) item));
                return labels;
            }
            return List.of(record.text(field));
        }
        if (value == null || record.text(field).isBlank()) {
            throw new IllegalArgumentException("line " + record.line() + ": label field '" + field + "' is missing");
        }
        if (value instanceof List<?>) {
            throw new IllegalArgumentException("line " + record.line() + ": label field '" + field
                    + "' holds a list, but task '" + task.id() + "' is " + task.kind() + " (one label per record)");
        }
        return List.of(record.text(field));
    }
}
