package org.baihua.core.cli;

import java.util.concurrent.CountDownLatch;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.HostConfig;
import org.baihua.core.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code baihua serve}: runs the host until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the host: load the plugins and serve the REST API.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    HostOptions host;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = host.settings();
        CountDownLatch stopped = new CountDownLatch(1);
        try (LogFiles logs = LogFiles.open(LogFiles.directory(settings))) {
            BaihuaHost host = BaihuaHost.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                host.close();
                stopped.countDown();
            }, "baihua-shutdown"));
            host.newAdminKey().ifPresent(key -> System.out.println(
                    "Created the admin API key (shown once; kept in " + HostConfig.from(settings).dataDir().resolve("admin.key") + "):\n  " + key));
            System.out.println("Baihua is serving on " + host.uri() + " (Ctrl-C to stop)"
                    + (logs.file() == null ? "" : "; log: " + logs.file()));
            stopped.await();
        }
        return 0;
    }
}
