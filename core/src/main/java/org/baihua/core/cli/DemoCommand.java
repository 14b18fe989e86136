package org.baihua.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.HostConfig;
import org.baihua.core.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code baihua demo}: starts the host with the bundled plugins, trains one model per domain from
 * the plugins' samples, shows predictions with explanations, then keeps serving (unless
 * {@code --no-serve}). A second run reuses what the first one made.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Quick start: ingest each plugin's sample, train and promote a model per domain, predict, then serve.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    HostOptions host;

    @Option(names = "--no-serve", description = "exit after printing the predictions (for scripts and CI)")
    boolean noServe;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = host.settings();
        long started = System.nanoTime();
        // the same log file as serve's (log.dir, by default <data-dir>/logs): a demo host serves too
        try (LogFiles logs = LogFiles.open(LogFiles.directory(settings))) {
            BaihuaHost running = BaihuaHost.start(settings);
            try {
                // the console first: it is what most people open, while the demo trains in the meantime
                System.out.println("Web console: " + consoleUrl(running) + " (paste the admin API key printed below)");
                System.out.println("Baihua demo: host " + running.uri() + ", data in " + HostConfig.from(settings).dataDir()
                        + (logs.file() == null ? "" : ", log: " + logs.file()));
                List<DemoRunner.DemoModel> models = new DemoRunner(running, System.out, System.console() != null).run();
                System.out.printf(Locale.ROOT, "%nDemo ready in %.1f s: %d models in production.%n", (System.nanoTime() - started) / 1e9,
                        models.size());
                if (noServe) {
                    return 0;
                }
                printHowToUse(running, settings, models);
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    running.close();
                    stopped.countDown();
                }, "baihua-shutdown"));
                System.out.println("Baihua is serving on " + running.uri() + " (Ctrl-C to stop)");
                stopped.await();
                return 0;
            } finally {
                if (noServe) {
                    running.close();
                }
            }
        }
    }

    /** The console's address: the host's root. */
    static String consoleUrl(BaihuaHost running) {
        String base = running.uri().toString();
        return base.endsWith("/") ? base : base + "/";
    }

    private static void printHowToUse(BaihuaHost running, Settings settings, List<DemoRunner.DemoModel> models) {
        Path keyFile = HostConfig.from(settings).dataDir().resolve("admin.key");
        String key = running.newAdminKey().orElse(null);
        String keyHint;
        if (key != null) {
            keyHint = key;
            System.out.println("\nAdmin API key (created now, shown once; kept in " + keyFile + "):\n  " + key);
        } else if (System.getenv("BAIHUA_ADMIN_KEY") != null) {
            keyHint = "$BAIHUA_ADMIN_KEY";
            System.out.println("\nAdmin API key: the value of BAIHUA_ADMIN_KEY");
        } else {
            keyHint = "$(cat '" + keyFile + "')";
            System.out.println("\nAdmin API key: in " + keyFile + (Files.isReadable(keyFile) ? "" : " (not readable)"));
        }
        DemoRunner.DemoModel model = models.get(models.size() - 1);
        String record;
        try {
            record = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(model.example());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            record = "{}";
        }
        String base = running.uri().toString();
        System.out.println("\nOpen the web console at " + consoleUrl(running) + " and paste the admin API key.");
        System.out.println("\nTry it:");
        System.out.println("  curl " + base + "/api/v1/health");
        System.out.println("  curl -H \"Authorization: Bearer " + keyHint + "\" " + base + "/api/v1/models");
        System.out.println("  curl -H \"Authorization: Bearer " + keyHint + "\" -H 'Content-Type: application/json' "
                + base + "/api/v1/models/" + model.name() + "/predict -d '{\"records\": [" + record.replace("'", "'\\''")
                + "], \"explain\": true}'");
    }
}
