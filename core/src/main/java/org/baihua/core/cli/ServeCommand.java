package org.baihua.core.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.HostConfig;
import org.baihua.core.config.Settings;
import org.baihua.core.datasets.DatasetService;
import org.baihua.core.devloop.DevPluginLoop;
import org.baihua.core.plugin.DevelopmentBuild;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.core.plugin.PluginHost;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code baihua serve}: runs the host until interrupted; with {@code --dev-plugin}, the plugin author's loop. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the host: load the plugins and serve the REST API.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    /** Long enough for javac to write a compile's classes after its resources; short enough to feel immediate. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    @Mixin
    HostOptions host;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dev-plugin", paramLabel = "<path>", description = {
            "development mode for plugin authors: load the plugin from its build output (a plugin project folder,"
                    + " its target/classes, or the built zip), ingest its samples, and reload it whenever a build changes it"
                    + " (./mvnw compile in another terminal). Nothing is installed into the plugins directory."})
    Path devPlugin;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = host.settings();
        // checked before the host starts: a wrong path is a message, not a host without its plugin
        DevelopmentBuild build;
        try {
            build = devPlugin == null ? null : DevelopmentBuild.of(devPlugin);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dev-plugin: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        org.baihua.core.internal.Umask.restrict(); // before the log file is created: it is private too
        try (LogFiles logs = LogFiles.open(LogFiles.directory(settings))) {
            BaihuaHost host = BaihuaHost.start(settings);
            DevPluginLoop loop = build == null ? null : new DevPluginLoop(build, host.injector().getInstance(PluginHost.class),
                    host.injector().getInstance(DomainExtensions.class), host.injector().getInstance(DatasetService.class),
                    HostConfig.from(settings).dataDir().resolve("plugin-work/.dev-plugin"), System.out, SETTLE, Duration.ofMillis(500));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (loop != null) {
                    loop.close();
                }
                host.close();
                stopped.countDown();
            }, "baihua-shutdown"));
            host.newAdminKey().ifPresent(key -> System.out.println(
                    "Created the admin API key (shown once; kept in " + HostConfig.from(settings).dataDir().resolve("admin.key") + "):\n  " + key));
            if (loop != null) {
                loop.start();
            }
            System.out.println("Baihua is serving on " + host.uri() + " (Ctrl-C to stop)"
                    + (logs.file() == null ? "" : "; log: " + logs.file()));
            stopped.await();
        }
        return 0;
    }
}
