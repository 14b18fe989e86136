package org.baihua.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.baihua.core.InvalidRequestException;

/**
 * Reads {@code conf/baihua.properties}, applies command-line overrides and expands
 * {@code ${baihua.home}}. Unknown keys fail at start with the closest known key as a hint, so a
 * typo never silently falls back to a default.
 */
public final class ConfigLoader {

    private final Set<String> knownKeys;
    private final Path home;

    /**
     * @param knownKeys every key a feature reads (see {@link ConfigKeys#ALL})
     * @param home the installation directory, substituted for {@code ${baihua.home}}
     */
    public ConfigLoader(Set<String> knownKeys, Path home) {
        this.knownKeys = Set.copyOf(knownKeys);
        this.home = home.toAbsolutePath().normalize();
    }

    /** Loads {@code confFile} (may be null: defaults only) and applies {@code overrides} on top. */
    public Settings load(Path confFile, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (confFile != null) {
            merged.putAll(read(confFile));
        }
        merged.putAll(overrides);
        for (String key : merged.keySet()) {
            if (!knownKeys.contains(key)) {
                throw new InvalidRequestException(key, "unknown config key '" + key + "'"
                        + (confFile == null ? "" : " in " + confFile) + hint(key));
            }
        }
        merged.replaceAll((key, value) -> value.replace("${baihua.home}", home.toString()));
        return new Settings(merged);
    }

    private static Map<String, String> read(Path confFile) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(confFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new InvalidRequestException("conf", "cannot read config file " + confFile + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    private String hint(String key) {
        return knownKeys.stream()
                .min(Comparator.comparingInt(known -> distance(known, key)))
                .filter(known -> distance(known, key) <= Math.max(3, key.length() / 3))
                .map(known -> "; did you mean '" + known + "'?")
                .orElse("; known keys: " + String.join(", ", knownKeys.stream().sorted().toList()));
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
