package org.baihua.sdk;

import java.util.Map;

/**
 * Options a user passes to a {@link DataAdapter} at ingest, for example {@code delimiter=;} or
 * {@code header=false}. Keys and values are strings; each adapter documents the keys it reads.
 *
 * @param values option name &rarr; value, unmodifiable
 */
public record AdapterOptions(Map<String, String> values) {

    public AdapterOptions {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    /** No options. */
    public static AdapterOptions none() {
        return new AdapterOptions(Map.of());
    }

    /** The option's value, or {@code fallback} when it is not set. */
    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /**
     * The option as a boolean ({@code true/false/yes/no/1/0}), or {@code fallback}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public boolean flag(String key, boolean fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("option '" + key + "' must be true or false, was '" + value + "'");
        };
    }
}
