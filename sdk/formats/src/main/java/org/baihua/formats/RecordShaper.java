package org.baihua.formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;

/**
 * Turns a source record into a task record: mapped columns renamed to the task's field names,
 * the label under {@code label}, numbers parsed, every problem reported as a reason. The same
 * shaping runs at ingest and at prediction time (where the label is optional).
 */
public final class RecordShaper {

    /** A shaped record, or why the source record cannot be used. */
    public record Result(DataRecord record, String rejection) {}

    private static final java.util.regex.Pattern WITH_UNIT =
            java.util.regex.Pattern.compile("[-+]?\\d+(?:[.,]\\d+)?\\s*[A-Za-z\u00b5\u00b0%/][\\w\u00b5\u00b0%/^.*-]*");

    private final TaskSpec task;
    private final FieldMapping mapping;
    private final Set<String> mappedColumns = new LinkedHashSet<>();

    public RecordShaper(TaskSpec task, FieldMapping mapping) {
        this.task = task;
        this.mapping = mapping;
        mappedColumns.addAll(mapping.columns().values());
        mappedColumns.addAll(mapping.indicatorColumns());
    }

    /** Shapes a record that must carry a label (ingest). */
    public Result shapeLabelled(DataRecord source) {
        return shape(source, true);
    }

    /** Shapes a record for prediction; a label, if present, is ignored. */
    public Result shapeUnlabelled(DataRecord source) {
        return shape(source, false);
    }

    private Result shape(DataRecord source, boolean labelled) {
        Map<String, Object> values = new LinkedHashMap<>();
        // Columns the mapping does not use stay, so preprocessors can derive features from them.
        source.values().forEach((name, value) -> {
            if (!mappedColumns.contains(name) && !DataRecord.LABEL.equals(name)) {
                values.put(name, value);
            }
        });
        for (FieldSpec field : task.inputs()) {
            String column = mapping.column(field.name());
            Object value = source.get(column);
            if (value instanceof String s && s.isBlank()) {
                value = null;
            }
            if (value == null) {
                if (field.required()) {
                    return reject("field '" + field.name() + "' is missing" + (column.equals(field.name()) ? "" : " (column '" + column + "')"));
                }
                continue;
            }
            switch (field.type()) {
                case NUMERIC -> {
                    if (value instanceof String s && WITH_UNIT.matcher(s.trim()).matches()) {
                        // "7.8 mmol/L": the domain's preprocessor converts units, so keep the text for it.
                        values.put(field.name(), s.trim());
                        continue;
                    }
                    Double number;
                    try {
                        number = new DataRecord(source.line(), Map.of(field.name(), value)).number(field.name());
                    } catch (IllegalArgumentException e) {
                        return reject("field '" + field.name() + "' is not a number: '" + value + "'");
                    }
                    if (number != null && (number.isNaN() || number.isInfinite())) {
                        return reject("field '" + field.name() + "' is " + number + "; use an empty value for a missing one");
                    }
                    values.put(field.name(), number);
                }
                case TEXT, CATEGORICAL -> {
                    if (value instanceof List<?>) {
                        return reject("field '" + field.name() + "' is a list, expected a single value");
                    }
                    values.put(field.name(), new DataRecord(source.line(), Map.of(field.name(), value)).text(field.name()));
                }
            }
        }
        if (labelled) {
            Object label;
            try {
                label = label(source);
            } catch (IllegalArgumentException e) {
                return reject(e.getMessage());
            }
            values.put(DataRecord.LABEL, label);
        }
        return new Result(new DataRecord(source.line(), values), null);
    }

    private Object label(DataRecord source) {
        if (task.kind() == TaskKind.MULTILABEL) {
            List<String> labels = new ArrayList<>();
            if (!mapping.indicatorColumns().isEmpty()) {
                for (String column : mapping.indicatorColumns()) {
                    String flag = source.text(column);
                    if (flag == null) {
                        throw new IllegalArgumentException("indicator column '" + column + "' is missing");
                    }
                    switch (flag.trim().toLowerCase(Locale.ROOT)) {
                        case "1", "true", "yes", "1.0" -> labels.add(checked(mapping.label(column)));
                        case "0", "false", "no", "0.0" -> { }
                        default -> throw new IllegalArgumentException("indicator column '" + column + "' must be 0/1, was '" + flag + "'");
                    }
                }
                return labels;
            }
            Object raw = source.get(mapping.column(DataRecord.LABEL));
            if (raw == null) {
                throw new IllegalArgumentException("no label (column '" + mapping.column(DataRecord.LABEL) + "')");
            }
            List<?> items = raw instanceof List<?> list ? list : List.of(raw.toString().split("\\|"));
            for (Object item : items) {
                String text = item.toString().trim();
                if (!text.isEmpty()) {
                    labels.add(checked(mapping.label(text)));
                }
            }
            return List.copyOf(new LinkedHashSet<>(labels));
        }
        String column = mapping.column(DataRecord.LABEL);
        String raw = source.text(column);
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("no label (column '" + column + "')");
        }
        return checked(mapping.label(raw.trim()));
    }

    private String checked(String label) {
        if (!task.labelsFromData() && !task.labels().contains(label)) {
            throw new IllegalArgumentException("label '" + label + "' is not one of task '" + task.id() + "' labels " + task.labels()
                    + (mapping.labelValues().isEmpty() ? "; map source values with labelValues, e.g. 0:" + task.labels().get(0) : ""));
        }
        return label;
    }

    private static Result reject(String reason) {
        return new Result(null, reason);
    }
}
