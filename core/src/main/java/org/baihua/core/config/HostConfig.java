package org.baihua.core.config;

import java.nio.file.Path;
import java.util.List;
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

    public static final ConfigKey<Integer> PORT = ConfigKey.integer("server.port", 8080, 0, 65_535);
    public static final ConfigKey<String> BIND = ConfigKey.text("server.bind", "127.0.0.1");
    public static final ConfigKey<Path> DATA_DIR = ConfigKey.path("data.dir", Path.of("data"));
    public static final ConfigKey<Path> PLUGINS_DIR = ConfigKey.path("plugins.dir", Path.of("plugins"));
    /** The folder of {@code bin/baihua serve}'s log file; empty means {@code <data-dir>/logs} (read by the CLI's LogFiles). */
    public static final ConfigKey<String> LOG_DIR = ConfigKey.text("log.dir", "");
    /** This record's keys, and {@link #LOG_DIR}. */
    public static final List<ConfigKey<?>> KEYS = List.of(PORT, BIND, DATA_DIR, PLUGINS_DIR, LOG_DIR);

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
        return new HostConfig(settings.get(PORT), settings.get(BIND), settings.get(DATA_DIR), settings.get(PLUGINS_DIR));
    }
}
