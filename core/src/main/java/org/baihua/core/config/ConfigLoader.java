package org.baihua.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code conf/baihua.properties}, applies command-line overrides and expands
 * {@code ${baihua.home}}. Unknown keys fail at start with the closest known key as a hint, so a
 * typo never silently falls back to a default.
 */
public final class ConfigLoader {

    private final Set<String> knownKeys;
    private final Path home;

    /**
     * @param knownKeys every key a feature reads, as the features declare them ({@code BaihuaHost.configKeys()})
     * @param home the installation directory, substituted for {@code ${baihua.home}}
     */
    public ConfigLoader(Collection<ConfigKey<?>> knownKeys, Path home) {
        this.knownKeys = knownKeys.stream().map(ConfigKey::name).collect(Collectors.toUnmodifiableSet());
        this.home = home.toAbsolutePath().normalize();
    }

    /**
     * Loads {@code confFile} (may be null: defaults only) and applies {@code overrides} on top.
     *
     * @throws ConfigException for an unknown key (with the closest known one) or an unreadable file
     */
    public Settings load(Path confFile, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (confFile != null) {
            merged.putAll(read(confFile));
        }
        merged.putAll(overrides);
        for (String key : merged.keySet()) {
            if (!knownKeys.contains(key)) {
                throw new ConfigException(key, "unknown config key '" + key + "'"
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
            throw new ConfigException(null, "cannot read config file " + confFile + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    private String hint(String key) {
        return Suggestions.closest(key, knownKeys)
                .map(known -> "; did you mean '" + known + "'?")
                .orElse("; known keys: " + String.join(", ", knownKeys.stream().sorted().toList()));
    }
}
