package org.baihua.core.plugin;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where plugins live.
 *
 * @param pluginsDir the plugin zips (what an operator installs)
 * @param workDir where the host expands them; wiped at start
 * @param stateDir where enabled/disabled state is kept
 * @param hostVersion the version a plugin's {@code requires} is checked against
 * @param allowedSha256 SHA-256 (hex) of the plugin zips allowed to load ({@code plugins.allowed-sha256});
 *     empty allows any zip an admin installs
 */
public record PluginHostConfig(Path pluginsDir, Path workDir, Path stateDir, String hostVersion, Set<String> allowedSha256) {

    /** The config key of the allow-list: comma-separated SHA-256 sums of plugin zips. */
    public static final String ALLOWED_SHA256 = "plugins.allowed-sha256";
    /** The allow-list's key. */
    public static final org.baihua.core.config.ConfigKey<String> ALLOWED = org.baihua.core.config.ConfigKey.text(ALLOWED_SHA256, "");
    /** Keys read for plugins besides the directories. */
    public static final java.util.List<org.baihua.core.config.ConfigKey<?>> KEYS = java.util.List.of(ALLOWED);

    /** The allow-list in {@code settings}. */
    public static Set<String> allowed(org.baihua.core.config.Settings settings) {
        return java.util.Arrays.stream(settings.get(ALLOWED).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    public PluginHostConfig {
        allowedSha256 = allowedSha256.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        for (String sum : allowedSha256) {
            if (!sum.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(ALLOWED_SHA256 + " must list SHA-256 sums (64 hex digits), has '" + sum + "'");
            }
        }
    }

    /** The layout under a data directory, with no allow-list. */
    public static PluginHostConfig of(Path pluginsDir, Path dataDir, String hostVersion) {
        return of(pluginsDir, dataDir, hostVersion, Set.of());
    }

    /** The layout under a data directory. */
    public static PluginHostConfig of(Path pluginsDir, Path dataDir, String hostVersion, Set<String> allowedSha256) {
        return new PluginHostConfig(pluginsDir, dataDir.resolve("plugin-work"), dataDir.resolve("plugin-state"), hostVersion,
                allowedSha256);
    }
}
