package org.baihua.formats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;

/**
 * How a user's file maps onto a task: task field or {@code label} &rarr; source column
 * ({@code text=OriginalShorttext,label=MajorSystem}), plus source label value &rarr; task label
 * ({@code 0:negative,1:positive}). Fields not named are looked up under their own name, the label
 * under {@code label}. For a multilabel task, {@code label=A+B+C} names indicator columns whose
 * truthy value (1, true, yes) adds the column's name as a label; a single label column may hold
 * several labels separated by {@code |}.
 *
 * @param columns task field &rarr; source column, for every input field and the label
 * @param indicatorColumns for multilabel indicator columns: the columns, else empty
 * @param labelValues source label value &rarr; task label
 */
public record FieldMapping(Map<String, String> columns, List<String> indicatorColumns, Map<String, String> labelValues) {

    public FieldMapping {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        indicatorColumns = List.copyOf(indicatorColumns);
        labelValues = Map.copyOf(labelValues);
    }

    /**
     * Parses the user's mapping ({@code text=col,label=col}) and label values ({@code 0:neg,1:pos}) for a task.
     *
     * @throws MappingException naming the parameter and the entry at fault
     */
    public static FieldMapping parse(TaskSpec task, String mapping, String labelValues) {
        return of(task, pairs("mapping", mapping, '='), pairs("labelValues", labelValues, ':'));
    }

    /**
     * The mapping for a task from pairs already split, as a plugin's sample declares them.
     *
     * @param mapping task field or {@code label} &rarr; source column; fields not named keep their own name
     * @param labelValues source label value &rarr; task label
     * @throws MappingException naming the parameter and the entry at fault
     */
    public static FieldMapping of(TaskSpec task, Map<String, String> mapping, Map<String, String> labelValues) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (var field : task.inputs()) {
            columns.put(field.name(), mapping.getOrDefault(field.name(), field.name()));
        }
        String label = mapping.getOrDefault(DataRecord.LABEL, DataRecord.LABEL);
        List<String> indicators = List.of();
        if (label.contains("+")) {
            if (task.kind() != TaskKind.MULTILABEL) {
                throw new MappingException("mapping", "label=" + label + " names indicator columns, which only a multilabel task takes; task '"
                        + task.id() + "' is " + task.kind().name().toLowerCase(java.util.Locale.ROOT));
            }
            indicators = List.of(label.split("\\+"));
            if (indicators.stream().anyMatch(String::isBlank)) {
                throw new MappingException("mapping", "label=" + label + " has an empty column name");
            }
        }
        columns.put(DataRecord.LABEL, label);
        for (String key : mapping.keySet()) {
            if (!columns.containsKey(key)) {
                throw new MappingException("mapping", "mapping names '" + key + "', which is not a field of task '" + task.id()
                        + "'; its fields: " + task.inputs().stream().map(f -> f.name()).toList() + " and label");
            }
        }
        return new FieldMapping(columns, indicators, labelValues);
    }

    private static Map<String, String> pairs(String parameter, String text, char separator) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return pairs;
        }
        for (String entry : split(text)) {
            int at = entry.indexOf(separator);
            if (at <= 0 || at == entry.length() - 1) {
                throw new MappingException(parameter, parameter + " entry '" + entry + "' must look like a" + separator + "b");
            }
            String key = entry.substring(0, at).trim();
            if (pairs.put(key, entry.substring(at + 1).trim()) != null) {
                throw new MappingException(parameter, parameter + " names '" + key + "' twice");
            }
        }
        return pairs;
    }

    private static List<String> split(String text) {
        List<String> entries = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                entries.add(part.trim());
            }
        }
        return entries;
    }

    /** The source column of a task field (or of {@link DataRecord#LABEL}). */
    public String column(String field) {
        return columns.get(field);
    }

    /** The task label for a source label value. */
    public String label(String sourceValue) {
        return labelValues.getOrDefault(sourceValue, sourceValue);
    }
}
