package org.baihua.core.plugin;

import java.nio.file.Path;

/**
 * Where plugins live.
 *
 * @param pluginsDir the plugin zips (what an operator installs)
 * @param workDir where the host expands them; wiped at start
 * @param stateDir where enabled/disabled state is kept
 * @param hostVersion the version a plugin's {@code requires} is checked against
 */
public record PluginHostConfig(Path pluginsDir, Path workDir, Path stateDir, String hostVersion) {

    /** The layout under a data directory. */
    public static PluginHostConfig of(Path pluginsDir, Path dataDir, String hostVersion) {
        return new PluginHostConfig(pluginsDir, dataDir.resolve("plugin-work"), dataDir.resolve("plugin-state"), hostVersion);
    }
}
