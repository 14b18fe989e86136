package org.baihua.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One configuration key, declared once by the feature that reads it: its name, how its text is
 * parsed and checked, and its default. A feature's typed config lists its keys ({@code KEYS}); the
 * host derives the set of known keys from those lists, so a key cannot be read without being known.
 *
 * @param <T> the parsed type
 */
public final class ConfigKey<T> {

    /** Parses a non-blank value, throwing {@link ConfigException} naming the key when it is not valid. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(String key, String value);
    }

    private final String name;
    private final T fallback;
    private final Parser<T> parser;

    private ConfigKey(String name, T fallback, Parser<T> parser) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.fallback = fallback;
        this.parser = parser;
    }

    /** A whole number in [min, max]. */
    public static ConfigKey<Integer> integer(String name, int fallback, int min, int max) {
        return new ConfigKey<>(name, fallback, (key, value) -> (int) parseLong(key, value, min, max));
    }

    /** A whole number in [min, max] whose default depends on other keys: null when absent. */
    public static ConfigKey<Integer> optionalInteger(String name, int min, int max) {
        return new ConfigKey<>(name, null, (key, value) -> (int) parseLong(key, value, min, max));
    }

    /** A long whole number in [min, max]. */
    public static ConfigKey<Long> longValue(String name, long fallback, long min, long max) {
        return new ConfigKey<>(name, fallback, (key, value) -> parseLong(key, value, min, max));
    }

    /** A decimal number in [min, max]. */
    public static ConfigKey<Double> decimal(String name, double fallback, double min, double max) {
        return new ConfigKey<>(name, fallback, (key, value) -> {
            double parsed;
            try {
                parsed = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "config key '" + key + "' must be a number, was '" + value + "'");
            }
            if (!(parsed >= min && parsed <= max)) {
                throw new ConfigException(key, "config key '" + key + "' must be in [" + min + ", " + max + "], was " + value.trim());
            }
            return parsed;
        });
    }

    /** Text, trimmed; {@code fallback} may be null. */
    public static ConfigKey<String> text(String name, String fallback) {
        return new ConfigKey<>(name, fallback, (key, value) -> value);
    }

    /** One of {@code allowed}, ignoring case and surrounding spaces; returned as written in {@code allowed}. */
    public static ConfigKey<String> oneOf(String name, String fallback, List<String> allowed) {
        List<String> values = List.copyOf(allowed);
        return new ConfigKey<>(name, fallback, (key, value) -> values.stream().filter(v -> v.equalsIgnoreCase(value.trim()))
                .findFirst()
                .orElseThrow(() -> new ConfigException(key, "config key '" + key + "' must be one of " + String.join(", ", values)
                        + ", was '" + value + "'")));
    }

    /** {@code true} or {@code false}. */
    public static ConfigKey<Boolean> bool(String name, boolean fallback) {
        return new ConfigKey<>(name, fallback, (key, value) -> switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, "config key '" + key + "' must be true or false, was '" + value + "'");
        });
    }

    /** A path, relative ones resolved against the working directory; {@code fallback} may be null. */
    public static ConfigKey<Path> path(String name, Path fallback) {
        return new ConfigKey<>(name, fallback, (key, value) -> Path.of(value).toAbsolutePath().normalize());
    }

    /** Comma-separated paths, as given; empty by default. */
    public static ConfigKey<List<Path>> paths(String name) {
        return new ConfigKey<>(name, List.of(), (key, value) -> {
            List<Path> paths = new ArrayList<>();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    paths.add(Path.of(part.trim()));
                }
            }
            return List.copyOf(paths);
        });
    }

    /** The key, for example {@code server.port}. */
    public String name() {
        return name;
    }

    /** The default, used when the key is absent or blank (may be null). */
    public T fallback() {
        return fallback;
    }

    /**
     * The key's value in {@code settings}, or its default.
     *
     * @throws ConfigException naming the key when the value is not valid
     */
    public T read(Settings settings) {
        String value = settings.raw(name);
        return value == null ? fallback : parser.parse(name, value);
    }

    private static long parseLong(String key, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "config key '" + key + "' must be a whole number, was '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new ConfigException(key, "config key '" + key + "' must be in [" + min + ", " + max + "], was " + parsed);
        }
        return parsed;
    }

    @Override
    public String toString() {
        return name;
    }
}
