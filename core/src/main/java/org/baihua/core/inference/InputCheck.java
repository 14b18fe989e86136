package org.baihua.core.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.config.Suggestions;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.TaskSpec;

/**
 * Strict checks of a predict record against its task, before it is shaped. A value of the wrong
 * JSON type is refused (a number sent for a TEXT field would otherwise be embedded as the text
 * "42" and answered with confidence). A field the task does not have is not refused — JSON Lines
 * files of labelled data carry ids and other columns, and a domain's preprocessors may read extra
 * fields — but it is named in the answer's {@code warnings}, with the closest input field.
 */
final class InputCheck {

    private static final int SHOWN_CHARS = 60;

    private InputCheck() {}

    /** Refuses a value whose JSON type does not fit its field: 400 naming field, expected type and value. */
    static void types(TaskSpec task, Map<String, Object> raw, int index) {
        for (FieldSpec field : task.inputs()) {
            Object value = raw.get(field.name());
            if (value == null || fits(field, value)) {
                continue;
            }
            String name = "records[" + index + "]." + field.name();
            throw new InvalidRequestException(name, name + " must be " + expected(field) + " for " + field.type()
                    + " field '" + field.name() + "', was " + describe(value));
        }
    }

    private static boolean fits(FieldSpec field, Object value) {
        return switch (field.type()) {
            case TEXT -> value instanceof String;
            case NUMERIC -> value instanceof Number || value instanceof String;
            case CATEGORICAL -> value instanceof String || value instanceof Number || value instanceof Boolean;
        };
    }

    private static String expected(FieldSpec field) {
        return switch (field.type()) {
            case TEXT -> "a JSON string";
            case NUMERIC -> "a JSON number (or a string holding one, such as \"7.8\" or \"7.8 mmol/L\")";
            case CATEGORICAL -> "a JSON string (a number or true/false is taken as its text)";
        };
    }

    /** The value as the caller sent it, with its JSON type: {@code the number 42}, {@code an object {...}}. */
    static String describe(Object value) {
        String kind;
        if (value instanceof String) {
            kind = "the string ";
        } else if (value instanceof Number) {
            kind = "the number ";
        } else if (value instanceof Boolean) {
            kind = "the boolean ";
        } else if (value instanceof Map<?, ?>) {
            kind = "an object ";
        } else if (value instanceof List<?>) {
            kind = "an array ";
        } else {
            kind = "";
        }
        String shown = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return kind + (shown.length() > SHOWN_CHARS ? shown.substring(0, SHOWN_CHARS) + "..." : shown);
    }

    /** The fields of {@code raw} that are neither an input of the task nor the label. */
    static List<String> unknown(TaskSpec task, Map<String, Object> raw) {
        List<String> names = task.inputs().stream().map(FieldSpec::name).toList();
        List<String> unknown = new ArrayList<>();
        for (String key : raw.keySet()) {
            if (!names.contains(key) && !DataRecord.LABEL.equals(key)) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    /** Added to "field 'x' is missing" when the record has fields the task does not know: likely a misnamed field. */
    static String missingHint(TaskSpec task, Map<String, Object> raw) {
        List<String> unknown = unknown(task, raw);
        if (unknown.isEmpty()) {
            return "";
        }
        return "; the record has " + (unknown.size() == 1 ? "field " : "fields ") + unknown + ", which task '" + task.id()
                + "' does not have" + suggestion(task, unknown.get(0));
    }

    /** One warning per unknown field name, with how many records carry it and the first one's index. */
    static List<String> warnings(TaskSpec task, List<Map<String, Object>> records) {
        Map<String, int[]> seen = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> raw = records.get(i);
            if (raw == null) {
                continue;
            }
            for (String name : unknown(task, raw)) {
                int at = i;
                seen.computeIfAbsent(name, k -> new int[] {at, 0})[1]++;
            }
        }
        List<String> warnings = new ArrayList<>();
        List<String> inputs = task.inputs().stream().map(FieldSpec::name).toList();
        seen.forEach((name, where) -> warnings.add("field '" + name + "' (records[" + where[0] + "]"
                + (where[1] > 1 ? " and " + (where[1] - 1) + " more" : "") + ") is not an input of task '" + task.id()
                + "' " + inputs + " and was not used as one" + suggestion(task, name)));
        return warnings;
    }

    private static String suggestion(TaskSpec task, String typed) {
        return Suggestions.closest(typed, task.inputs().stream().map(FieldSpec::name).toList())
                .map(name -> "; did you mean '" + name + "'?").orElse("");
    }
}
