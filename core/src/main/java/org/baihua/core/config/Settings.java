package org.baihua.core.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * The host's configuration as flat, namespaced keys ({@code server.port}, {@code encoder.default}),
 * after conf file, flags and defaults are merged. Each feature reads its own keys, declared once as
 * {@link ConfigKey}s, into a typed config record; a malformed value fails with the key named.
 */
public final class Settings {

    private final Map<String, String> values;

    public Settings(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    /** The value of {@code key}, or its default; see {@link ConfigKey#read}. */
    public <T> T get(ConfigKey<T> key) {
        return key.read(this);
    }

    /** The trimmed text of {@code key}, or null when absent or blank. */
    public String raw(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** All keys and values, sorted. */
    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
