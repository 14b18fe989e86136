package org.baihua.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.ConfigException;
import org.baihua.core.config.HostConfig;
import org.baihua.core.config.ConfigLoader;
import org.baihua.core.config.Settings;
import picocli.CommandLine.Option;

/** The options of commands that run a host in this process ({@code serve}, {@code demo}). */
final class HostOptions {

    @Option(names = "--port", description = "HTTP port (default from conf, else 8080; 0 = any free port)")
    Integer port;

    @Option(names = "--bind", description = "address to bind (default 127.0.0.1)")
    String bind;

    @Option(names = "--data-dir", description = "data directory (default ./data)")
    Path dataDir;

    @Option(names = "--plugins-dir", description = "directory of plugin zips (default <home>/plugins)")
    Path pluginsDir;

    @Option(names = "--conf", description = "config file (default <home>/conf/baihua.properties)")
    Path conf;

    /** conf file, flags and defaults merged; unknown keys refused. */
    Settings settings() {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (port != null) {
            overrides.put(HostConfig.PORT.name(), port.toString());
        }
        if (bind != null) {
            overrides.put(HostConfig.BIND.name(), bind);
        }
        if (dataDir != null) {
            overrides.put(HostConfig.DATA_DIR.name(), dataDir.toString());
        }
        if (pluginsDir != null) {
            overrides.put(HostConfig.PLUGINS_DIR.name(), pluginsDir.toString());
        }
        return load(conf, overrides);
    }

    /** {@code conf} (or {@code <home>/conf/baihua.properties} when it exists) with {@code overrides} on top. */
    static Settings load(Path conf, Map<String, String> overrides) {
        Path home = Path.of(System.getProperty("baihua.home", ".")).toAbsolutePath().normalize();
        Path confFile = conf;
        if (confFile == null) {
            Path fallback = home.resolve("conf/baihua.properties");
            confFile = Files.isRegularFile(fallback) ? fallback : null;
        } else if (!Files.isRegularFile(confFile)) {
            throw new ConfigException(null, "config file " + confFile + " does not exist");
        }
        return new ConfigLoader(BaihuaHost.configKeys(), home).load(confFile, overrides);
    }
}
