package org.baihua.core.devloop;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.baihua.core.BaihuaException;
import org.baihua.core.datasets.DatasetService;
import org.baihua.core.datasets.IngestOutcome;
import org.baihua.core.plugin.Contribution;
import org.baihua.core.plugin.DevelopmentBuild;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.plugin.PluginInfo;
import org.baihua.core.plugin.PluginState;
import org.baihua.sdk.SampleData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin author's loop ({@code baihua serve --dev-plugin <path>}), like Jenkins' {@code hpi:run}:
 * the plugin is loaded from its project's build output, its samples are ingested, and whenever the
 * build output changes and then stays unchanged for a moment (a build has finished writing), the
 * plugin is unloaded and loaded again, without restarting the host.
 *
 * <p>A build that is not loadable yet (in progress, or failed to compile) is reported and the
 * plugin loaded before keeps serving; a build that loads but fails to start is shown FAILED with
 * its reason, like any plugin. Samples are ingested after every load; the host recognises a sample
 * it already holds by its content, so an unchanged sample is reused, never stored twice.
 *
 * <p>Every step is printed to the console (prefixed {@code [dev]}) and logged.
 */
public final class DevPluginLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevPluginLoop.class);

    /** Who the loop's data sets are recorded as created by. */
    static final String CREATED_BY = "dev-plugin";

    private final DevelopmentBuild build;
    private final PluginHost plugins;
    private final DomainExtensions extensions;
    private final DatasetService datasets;
    private final Path stagingRoot;
    private final PrintStream out;
    private final long settleNanos;
    private final Duration poll;
    private final ScheduledExecutorService timer;

    private String seen = "";
    private long seenAt;
    private String tried;
    private Path loadedStage;
    private int builds;
    private int reloads;

    /**
     * @param build the build output to run
     * @param stagingRoot a scratch folder for the snapshots the plugin is loaded from (emptied now)
     * @param out the console
     * @param settle how long the build output must stay unchanged before it is loaded
     * @param poll how often the build output is looked at
     */
    public DevPluginLoop(DevelopmentBuild build, PluginHost plugins, DomainExtensions extensions, DatasetService datasets, Path stagingRoot,
                         PrintStream out, Duration settle, Duration poll) {
        this.build = requireNonNull(build, "build is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.extensions = requireNonNull(extensions, "extensions is null");
        this.datasets = requireNonNull(datasets, "datasets is null");
        this.stagingRoot = requireNonNull(stagingRoot, "stagingRoot is null");
        this.out = requireNonNull(out, "out is null");
        this.settleNanos = settle.toNanos();
        this.poll = requireNonNull(poll, "poll is null");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "baihua-dev-plugin");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Prints the development-mode banner, loads the build as it is now and starts watching it. */
    public void start() {
        deleteTree(stagingRoot);
        say("DEVELOPMENT MODE: the plugin is loaded from " + build.describe() + " and reloaded whenever a build changes it;"
                + " its samples are ingested at every load. Not for production: use 'baihua plugins install' there.");
        synchronized (this) {
            seen = build.fingerprint();
            seenAt = System.nanoTime();
            load(seen);
        }
        long millis = poll.toMillis();
        timer.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** How many times a changed build was loaded again (successfully or not) since the start. */
    public synchronized int reloads() {
        return reloads;
    }

    /** Looks at the build output; loads it when it changed and has settled. */
    synchronized void check() {
        try {
            String now = build.fingerprint();
            long time = System.nanoTime();
            if (!now.equals(seen)) {
                seen = now;
                seenAt = time;
                return;
            }
            if (!now.equals(tried) && time - seenAt >= settleNanos) {
                reloads++;
                say("the build changed: reloading");
                load(now);
            }
        } catch (RuntimeException e) {
            // the watcher must survive anything a half-written build does to it
            log.warn("Development mode: checking {} failed", build.describe(), e);
            say("checking the build failed: " + e.getMessage());
        }
    }

    private void load(String fingerprint) {
        tried = fingerprint;
        if (fingerprint.isEmpty()) {
            say("nothing built at " + build.describe() + " yet: waiting for a build (./mvnw compile or package)");
            return;
        }
        Path stage = stagingRoot.resolve("build-" + ++builds);
        try {
            build.stage(stage);
            Optional<String> notReady = build.notReady(stage);
            if (notReady.isPresent()) {
                say("not loading this build: " + notReady.get() + "; " + (loadedStage != null ? "the previous build keeps serving"
                        : "waiting for the next build"));
                deleteTree(stage);
                return;
            }
            PluginInfo info = plugins.loadDevelopment(stage, build.describe());
            Path previous = loadedStage;
            loadedStage = stage;
            if (previous != null) {
                deleteTree(previous);
            }
            if (info.state() != PluginState.STARTED) {
                say("loaded plugin '" + info.id() + "' " + info.version() + " but it is " + info.state()
                        + (info.failureReason() != null ? ": " + info.failureReason() : "") + " (fix it and build again)");
                return;
            }
            say("loaded plugin '" + info.id() + "' " + info.version() + " from " + build.describe() + ": domains " + info.domains());
            ingestSamples(info);
        } catch (BaihuaException | UncheckedIOException e) {
            // the previous build stays loaded when the new one is refused before loading; otherwise it is already gone
            say("could not load the build: " + e.getMessage() + (loadedStage != null ? "" : "; waiting for the next build"));
            log.warn("Development mode: loading {} failed", build.describe(), e);
            if (!stage.equals(loadedStage)) {
                deleteTree(stage);
            }
        }
    }

    private void ingestSamples(PluginInfo info) {
        List<Contribution<SampleData>> shipped = extensions.samples().stream()
                .filter(c -> c.pluginId().equals(info.id()) && c.pluginVersion().equals(info.version())).toList();
        int count = 0;
        for (Contribution<SampleData> contribution : shipped) {
            List<SampleData.Sample> samples;
            try {
                samples = contribution.extension().samples();
            } catch (RuntimeException e) {
                say("cannot list the samples of " + contribution.extension().getClass().getName() + ": " + e);
                continue;
            }
            for (SampleData.Sample sample : samples) {
                count++;
                try {
                    IngestOutcome outcome = datasets.ingestSample(contribution.extension(), sample, CREATED_BY);
                    say("sample '" + sample.name() + "' (" + sample.domainId() + "/" + sample.taskId() + "): "
                            + (outcome.reused() ? "unchanged, data set " + outcome.dataset().id() + " reused"
                            : "ingested as data set " + outcome.dataset().id()) + ", " + outcome.dataset().rows() + " rows, "
                            + outcome.dataset().rejectedCount() + " rejected, labels " + outcome.dataset().labelCounts());
                } catch (RuntimeException e) {
                    say("sample '" + sample.name() + "' (" + sample.domainId() + "/" + sample.taskId() + ") was not ingested: " + e.getMessage());
                    log.warn("Development mode: ingesting sample {} failed", sample.name(), e);
                }
            }
        }
        if (count == 0) {
            say("plugin '" + info.id() + "' ships no samples (a SampleData extension): upload data with 'baihua datasets upload'");
        }
    }

    private void say(String line) {
        log.info("Development mode: {}", line);
        out.println("[dev] " + line);
        out.flush();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            log.debug("Cannot delete {} entirely", root, e);
        }
    }

    /** Stops watching; the plugin stays loaded until the host closes. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
