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
 * @param keepVersions how many of a plugin's newest versions stay loaded even when no model needs them
 *     ({@code plugins.keep-versions}); older versions no model pins are unloaded
 */
public record PluginHostConfig(Path pluginsDir, Path workDir, Path stateDir, String hostVersion, Set<String> allowedSha256,
                               int keepVersions) {

    /** The config key of the allow-list: comma-separated SHA-256 sums of plugin zips. */
    public static final String ALLOWED_SHA256 = "plugins.allowed-sha256";
    /** The allow-list's key. */
    public static final org.baihua.core.config.ConfigKey<String> ALLOWED = org.baihua.core.config.ConfigKey.text(ALLOWED_SHA256, "");
    /** How many of a plugin's newest versions stay loaded when no model pins them. */
    public static final org.baihua.core.config.ConfigKey<Integer> KEEP_VERSIONS =
            org.baihua.core.config.ConfigKey.integer("plugins.keep-versions", 1, 1, 100);
    /** Keys read for plugins besides the directories. */
    public static final java.util.List<org.baihua.core.config.ConfigKey<?>> KEYS = java.util.List.of(ALLOWED, KEEP_VERSIONS);

    /** The allow-list in {@code settings}. */
    public static Set<String> allowed(org.baihua.core.config.Settings settings) {
        return java.util.Arrays.stream(settings.get(ALLOWED).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    public PluginHostConfig {
        if (keepVersions < 1) {
            throw new IllegalArgumentException("plugins.keep-versions must be at least 1, is " + keepVersions);
        }
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
                allowedSha256, 1);
    }

    /** This layout, keeping {@code keep} newest versions of each plugin loaded. */
    public PluginHostConfig withKeepVersions(int keep) {
        return new PluginHostConfig(pluginsDir, workDir, stateDir, hostVersion, allowedSha256, keep);
    }
}
