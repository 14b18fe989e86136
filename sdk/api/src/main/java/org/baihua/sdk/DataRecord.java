package org.baihua.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One record read from a source: field name &rarr; value, plus the line it came from.
 *
 * <p>Values are {@code String} (text and categorical fields, labels), {@code Double} (numeric
 * fields) or {@code List<String>} (the labels of a multilabel record). A missing value is an
 * absent key; other {@code Number}s are stored as {@code Double}.
 *
 * @param line the 1-based line (or entry number) in the source, for error reports; 0 when unknown
 * @param values field name &rarr; value, in source order, unmodifiable
 */
public record DataRecord(long line, Map<String, Object> values) {

    /**
     * The field under which a task record carries its label once the host has shaped it (a
     * {@code String}, or a {@code List<String>} for a multilabel task); also the name an ingest
     * mapping uses for the label column ({@code label=Outcome}). No input field may take this name.
     */
    public static final String LABEL = "label";

    public DataRecord {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name == null) {
                throw new IllegalArgumentException("line " + line + ": field name is null");
            }
            if (value == null) {
                return;
            }
            copy.put(name, normalise(line, name, value));
        });
        values = Collections.unmodifiableMap(copy);
    }

    /** A record without a known source line. */
    public static DataRecord of(Map<String, Object> values) {
        return new DataRecord(0, values);
    }

    private static Object normalise(long line, String name, Object value) {
        if (value instanceof String || value instanceof Double) {
            return value;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof String)) {
                    throw new IllegalArgumentException(
                            "line " + line + ": field '" + name + "' holds a list with a non-string item: " + item);
                }
            }
            return List.copyOf(list);
        }
        throw new IllegalArgumentException("line " + line + ": field '" + name + "' has unsupported type "
                + value.getClass().getName() + " (use String, Number or List<String>)");
    }

    /** The value of a field, or null when missing. */
    public Object get(String name) {
        return values.get(name);
    }

    /** The value as text (numbers are formatted), or null when missing. */
    public String text(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }

    /**
     * The value as a number, or null when missing or blank.
     *
     * @throws IllegalArgumentException if the value is text that is not a number
     */
    public Double number(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof Double) {
            return (Double) value;
        }
        if (value instanceof String s) {
            if (s.isBlank()) {
                return null;
            }
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + line + ": field '" + name + "' is not a number: '" + s + "'");
            }
        }
        throw new IllegalArgumentException("line " + line + ": field '" + name + "' is a list, not a number");
    }

    /** A copy with one field set (or removed when {@code value} is null). */
    public DataRecord with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new DataRecord(line, copy);
    }

    /** A copy without the named fields. */
    public DataRecord without(String... names) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        for (String name : names) {
            copy.remove(name);
        }
        return new DataRecord(line, copy);
    }
}
