package org.baihua.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the host listens and keeps its files.
 *
 * @param port HTTP port; 0 picks a free one
 * @param bind address to bind, {@code 127.0.0.1} by default
 * @param dataDir the data directory (registry, artifacts, caches)
 * @param pluginsDir the directory of plugin zips
 */
public record HostConfig(int port, String bind, Path dataDir, Path pluginsDir) {

    public HostConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        Objects.requireNonNull(bind, "bind is null");
        dataDir = dataDir.toAbsolutePath().normalize();
        pluginsDir = pluginsDir.toAbsolutePath().normalize();
    }

    /** Reads the server and directory keys. */
    public static HostConfig from(Settings settings) {
        return new HostConfig(
                settings.integer(ConfigKeys.SERVER_PORT, 8080, 0, 65_535),
                settings.get(ConfigKeys.SERVER_BIND, "127.0.0.1"),
                settings.path(ConfigKeys.DATA_DIR, Path.of("data")),
                settings.path(ConfigKeys.PLUGINS_DIR, Path.of("plugins")));
    }
}
