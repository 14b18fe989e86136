package org.baihua.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.baihua.core.BaihuaHost;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.config.ConfigKeys;
import org.baihua.core.config.ConfigLoader;
import org.baihua.core.config.HostConfig;
import org.baihua.core.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baihua serve}: runs the host until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the host: load the plugins and serve the REST API.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

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

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = settings();
        CountDownLatch stopped = new CountDownLatch(1);
        BaihuaHost host = BaihuaHost.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.close();
            stopped.countDown();
        }, "baihua-shutdown"));
        host.newAdminKey().ifPresent(key -> System.out.println(
                "Created the admin API key (shown once; kept in " + HostConfig.from(settings).dataDir().resolve("admin.key") + "):\n  " + key));
        System.out.println("Baihua is serving on " + host.uri() + " (Ctrl-C to stop)");
        stopped.await();
        return 0;
    }

    Settings settings() {
        Path home = Path.of(System.getProperty("baihua.home", ".")).toAbsolutePath().normalize();
        Path confFile = conf;
        if (confFile == null) {
            Path fallback = home.resolve("conf/baihua.properties");
            confFile = Files.isRegularFile(fallback) ? fallback : null;
        } else if (!Files.isRegularFile(confFile)) {
            throw new InvalidRequestException("conf", "config file " + confFile + " does not exist");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        if (port != null) {
            overrides.put(ConfigKeys.SERVER_PORT, port.toString());
        }
        if (bind != null) {
            overrides.put(ConfigKeys.SERVER_BIND, bind);
        }
        if (dataDir != null) {
            overrides.put(ConfigKeys.DATA_DIR, dataDir.toString());
        }
        if (pluginsDir != null) {
            overrides.put(ConfigKeys.PLUGINS_DIR, pluginsDir.toString());
        }
        return new ConfigLoader(ConfigKeys.ALL, home).load(confFile, overrides);
    }
}
