package org.baihua.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.ConfigLoader;
import org.baihua.core.config.Settings;

/** The host's settings as a Spark driver reads them: a conf file, and the folders given on its command line. */
final class HostSettings {

    private HostSettings() {}

    /**
     * @param dataDir the host's data directory, or null for the conf file's
     * @param pluginsDir the host's plugins directory, or null for the conf file's
     * @param conf the host's baihua.properties, or null for the defaults
     */
    static Settings load(Path dataDir, Path pluginsDir, Path conf) {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (dataDir != null) {
            overrides.put("data.dir", dataDir.toString());
        }
        if (pluginsDir != null) {
            overrides.put("plugins.dir", pluginsDir.toString());
        }
        Path home = System.getenv("BAIHUA_HOME") == null ? Path.of(".") : Path.of(System.getenv("BAIHUA_HOME"));
        return new ConfigLoader(BaihuaHost.configKeys(), home).load(conf, overrides);
    }
}
