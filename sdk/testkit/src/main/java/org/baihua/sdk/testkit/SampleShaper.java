package org.baihua.sdk.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.SampleData.Sample;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;

/**
 * Turns a record read from a sample into a task record the way the host does at ingest: mapped
 * columns renamed to the task's fields, the label (through the sample's label values) under
 * {@code label}, numbers parsed; a record that cannot be used comes back as a reason instead.
 */
final class SampleShaper {

    /** A numeric value with a unit ("7.8 mmol/L"): the host keeps it as text for the domain's preprocessor. */
    private static final Pattern WITH_UNIT = Pattern.compile("[-+]?\\d+(?:[.,]\\d+)?\\s*[A-Za-z\u00b5\u00b0%/][\\w\u00b5\u00b0%/^.*-]*");

    /** A shaped record, or why the source record cannot be used. */
    record Result(DataRecord record, String rejection) {}

    private final TaskSpec task;
    private final Map<String, String> columns = new LinkedHashMap<>();
    private final List<String> indicators;
    private final Map<String, String> labelValues;
    private final Set<String> mapped = new LinkedHashSet<>();

    SampleShaper(TaskSpec task, Sample sample) {
        this.task = task;
        for (FieldSpec field : task.inputs()) {
            columns.put(field.name(), sample.mapping().getOrDefault(field.name(), field.name()));
        }
        String label = sample.mapping().getOrDefault(TaskRules.LABEL, TaskRules.LABEL);
        this.indicators = task.kind() == TaskKind.MULTILABEL && label.contains("+") ? List.of(label.split("\\+")) : List.of();
        columns.put(TaskRules.LABEL, label);
        this.labelValues = sample.labelValues();
        mapped.addAll(columns.values());
        mapped.addAll(indicators);
    }

    Result shape(DataRecord source) {
        Map<String, Object> values = new LinkedHashMap<>();
        source.values().forEach((name, value) -> {
            if (!mapped.contains(name) && !TaskRules.LABEL.equals(name)) {
                values.put(name, value);
            }
        });
        for (FieldSpec field : task.inputs()) {
            String column = columns.get(field.name());
            Object value = source.get(column);
            if (value instanceof String s && s.isBlank()) {
                value = null;
            }
            if (value == null) {
                if (field.required()) {
                    return new Result(null, "field '" + field.name() + "' is missing (column '" + column + "')");
                }
                continue;
            }
            if (value instanceof List<?>) {
                return new Result(null, "field '" + field.name() + "' is a list, expected a single value");
            }
            if (field.type() == FieldType.NUMERIC) {
                if (value instanceof String s && WITH_UNIT.matcher(s.trim()).matches()) {
                    values.put(field.name(), s.trim());
                    continue;
                }
                Double number;
                try {
                    number = new DataRecord(source.line(), Map.of(field.name(), value)).number(field.name());
                } catch (IllegalArgumentException e) {
                    return new Result(null, "field '" + field.name() + "' is not a number: '" + value + "'");
                }
                if (number != null && (number.isNaN() || number.isInfinite())) {
                    return new Result(null, "field '" + field.name() + "' is " + number);
                }
                values.put(field.name(), number);
            } else {
                values.put(field.name(), new DataRecord(source.line(), Map.of(field.name(), value)).text(field.name()));
            }
        }
        try {
            values.put(TaskRules.LABEL, label(source));
        } catch (IllegalArgumentException e) {
            return new Result(null, e.getMessage());
        }
        return new Result(new DataRecord(source.line(), values), null);
    }

    private Object label(DataRecord source) {
        if (task.kind() != TaskKind.MULTILABEL) {
            String raw = source.text(columns.get(TaskRules.LABEL));
            if (raw == null || raw.isBlank()) {
                throw new IllegalArgumentException("no label (column '" + columns.get(TaskRules.LABEL) + "')");
            }
            return checked(labelValues.getOrDefault(raw.trim(), raw.trim()));
        }
        List<String> labels = new ArrayList<>();
        if (!indicators.isEmpty()) {
            for (String column : indicators) {
                String flag = source.text(column);
                switch (flag == null ? "" : flag.trim().toLowerCase(Locale.ROOT)) {
                    case "1", "true", "yes", "1.0" -> labels.add(checked(labelValues.getOrDefault(column, column)));
                    case "0", "false", "no", "0.0" -> { }
                    default -> throw new IllegalArgumentException("indicator column '" + column + "' must be 0/1, was '" + flag + "'");
                }
            }
            return labels;
        }
        Object raw = source.get(columns.get(TaskRules.LABEL));
        if (raw == null) {
            throw new IllegalArgumentException("no label (column '" + columns.get(TaskRules.LABEL) + "')");
        }
        List<?> items = raw instanceof List<?> list ? list : List.of(raw.toString().split("\\|"));
        for (Object item : items) {
            String text = item.toString().trim();
            if (!text.isEmpty()) {
                labels.add(checked(labelValues.getOrDefault(text, text)));
            }
        }
        return List.copyOf(new LinkedHashSet<>(labels));
    }

    private String checked(String label) {
        if (!task.labelsFromData() && !task.labels().contains(label)) {
            throw new IllegalArgumentException("label '" + label + "' is not one of task '" + task.id() + "' labels " + task.labels());
        }
        return label;
    }
}
