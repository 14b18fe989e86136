package org.baihua.core.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.baihua.core.InvalidRequestException;

/**
 * The host's configuration as flat, namespaced keys ({@code server.port}, {@code encoder.default}),
 * after conf file, flags and defaults are merged. Each feature reads its own keys into a typed
 * config record; a malformed value fails with the key named.
 */
public final class Settings {

    private final Map<String, String> values;

    public Settings(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    /** The raw value, or {@code fallback}. */
    public String get(String key, String fallback) {
        String value = values.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** An integer value within [min, max], or {@code fallback}. */
    public int integer(String key, int fallback, int min, int max) {
        String value = get(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new InvalidRequestException(key, "config key '" + key + "' must be in [" + min + ", " + max + "], was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(key, "config key '" + key + "' must be a whole number, was '" + value + "'");
        }
    }

    /** A long value within [min, max], or {@code fallback}. */
    public long longValue(String key, long fallback, long min, long max) {
        String value = get(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw new InvalidRequestException(key, "config key '" + key + "' must be in [" + min + ", " + max + "], was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(key, "config key '" + key + "' must be a whole number, was '" + value + "'");
        }
    }

    /** A path value (relative paths resolve against the working directory), or {@code fallback}. */
    public Path path(String key, Path fallback) {
        String value = get(key, null);
        return value == null ? fallback : Path.of(value).toAbsolutePath().normalize();
    }

    /** All keys and values, sorted. */
    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
