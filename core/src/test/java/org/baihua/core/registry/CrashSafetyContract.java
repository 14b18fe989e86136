package org.baihua.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kills a separate JVM ({@link CrashWorker}) while it writes versions, artifacts, jobs and data sets,
 * several times, and checks after each kill that the store opens and holds nothing half-written.
 * Run against every {@link Backend}.
 */
abstract class CrashSafetyContract extends RegistryTestBase {
    /**
     * Kill points, one per round: the kill lands in the operation after the mark. The two
     * {@code writing-artifact} rounds wait further, until the scratch folder or the final folder
     * appears on disk, to kill halfway through the artifact write and between its rename and the
     * READY commit.
     */
    private static final List<String> MARKS = List.of("created", "job-started", "training", "writing-artifact",
            "writing-artifact+scratch", "writing-artifact+in-place", "ready", "moving-stage", "saving-dataset");
    private static final long LINE_DEADLINE_SECONDS = 120;

    @Test
    void killedWriterLeavesNothingHalfWritten() throws Exception {
        stores.close();
        Random random = new Random(20261128);
        List<String> summary = new ArrayList<>();
        int versionsBefore = 0;
        int artifactDebris = 0;

        // Round 0 stops the worker at a known point (a job RUNNING, its version TRAINING) and kills it there.
        Worker paused = Worker.start(dataDir, config, random.nextLong(), 2);
        String[] pausedAt = paused.awaitLine("paused ").split(" ");
        paused.kill();
        RecoveryReport first = openAndCheck(summary, 0).report();
        assertThat(first.failedJobs()).contains(pausedAt[1]);
        assertThat(first.failedVersions()).contains(new VersionRef(pausedAt[2], Integer.parseInt(pausedAt[3])));
        assertThat(stores.registry.version(pausedAt[2], Integer.parseInt(pausedAt[3])).error())
                .isEqualTo(JobStore.INTERRUPTED);
        versionsBefore = countVersions();
        stores.close();

        // Then a kill after each mark of step 3 (a step that marks them all): inside a transaction, halfway
        // through an artifact, between a version's commit and its job's.
        for (int round = 1; round <= MARKS.size(); round++) {
            Worker worker = Worker.start(dataDir, config, random.nextLong(), 0);
            String[] mark = MARKS.get(round - 1).split("\\+");
            String[] at = worker.awaitLine("at 3 " + mark[0] + " ").split(" ");
            if (mark.length > 1) {
                Path appears = mark[1].equals("scratch") ? dataDir.resolve("artifacts/.tmp")
                        : dataDir.resolve("artifacts").resolve(at[3]).resolve(at[4]);
                awaitNonEmpty(appears, worker);
            }
            worker.kill();
            Round result = openAndCheck(summary, round);
            if (mark.length > 1) {
                artifactDebris += result.scratchLeftovers() + result.report().removedArtifacts().size();
            }
            int versions = countVersions();
            assertThat(versions).as("round %d made progress", round).isGreaterThan(versionsBefore);
            versionsBefore = versions;
            stores.close();
        }
        // The two kills inside the artifact write left debris that opening and recovery removed (checked above).
        assertThat(artifactDebris).isPositive();
        stores = new Stores(dataDir, config);
        System.out.println("Crash safety (" + getClass().getSimpleName() + "): " + String.join("; ", summary));
    }

    private record Round(int scratchLeftovers, RecoveryReport report) {}

    /** Opens the store after a kill, runs start-up recovery and checks every invariant. */
    private Round openAndCheck(List<String> summary, int round) throws IOException {
        int leftovers = countEntries(dataDir.resolve("artifacts/.tmp")) + countEntries(dataDir.resolve("artifacts/.trash"))
                + countEntries(dataDir.resolve("datasets/.tmp"));
        stores = new Stores(dataDir, config);
        RecoveryReport report = stores.jobs.recoverInterrupted(CrashWorker.HOST);
        summary.add("round " + round + (round == 0 ? " (paused)" : " (after " + MARKS.get(round - 1) + ")") + ": " + leftovers + " scratch leftovers, " + report.failedJobs().size()
                + " jobs and " + report.failedVersions().size() + " versions interrupted, "
                + report.removedArtifacts().size() + " artifact folders removed");

        assertThat(countEntries(dataDir.resolve("artifacts/.tmp"))).isZero();
        assertThat(countEntries(dataDir.resolve("artifacts/.trash"))).isZero();
        assertThat(countEntries(dataDir.resolve("datasets/.tmp"))).isZero();
        assertThat(stores.jobs.list()).noneMatch(job -> job.state().isActive());

        Map<VersionRef, VersionState> states = new HashMap<>();
        for (Model model : stores.registry.models()) {
            List<ModelVersion> versions = stores.registry.versions(model.name());
            assertThat(versions).filteredOn(v -> v.stage() == Stage.PRODUCTION).hasSizeLessThanOrEqualTo(1);
            for (ModelVersion version : versions) {
                states.put(new VersionRef(version.model(), version.version()), version.state());
                assertThat(version.state().isActive()).as("%s is %s", version.label(), version.state()).isFalse();
                if (version.state() == VersionState.READY) {
                    ArtifactBundle bundle = stores.registry.artifact(version.model(), version.version());
                    assertThat(bundle.manifestSha256()).isEqualTo(version.artifactSha256());
                }
            }
        }
        // A job and its version end together: never a READY version behind a failed job, nor the reverse.
        for (var job : stores.jobs.list()) {
            VersionState version = states.get(new VersionRef(job.model(), job.version()));
            if (version != null) {
                assertThat(job.state() == JobState.SUCCEEDED).as("%s is %s, its version %s", job.id(), job.state(), version)
                        .isEqualTo(version == VersionState.READY);
            }
        }
        for (VersionRef stored : stores.artifacts.storedVersions()) {
            assertThat(states.get(stored)).as("artifact folder of %s", stored).isEqualTo(VersionState.READY);
        }
        for (DatasetInfo dataset : stores.datasets.list()) {
            assertThat(stores.datasets.readRows(dataset.id())).hasSize((int) dataset.rows());
        }
        return new Round(leftovers, report);
    }

    private int countVersions() {
        return stores.registry.models().stream().mapToInt(m -> stores.registry.versions(m.name()).size()).sum()
                + stores.registry.models().stream().mapToInt(Model::latestVersion).sum();
    }

    /** Spins until {@code folder} has an entry: a sleep would let the write finish first. */
    private static void awaitNonEmpty(Path folder, Worker worker) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LINE_DEADLINE_SECONDS);
        while (countEntries(folder) == 0) {
            if (System.nanoTime() > deadline || !worker.process().isAlive()) {
                fail(folder + " never filled:\n" + Files.readString(worker.stderr()));
            }
            Thread.onSpinWait();
        }
    }

    private static int countEntries(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var entries = Files.list(folder)) {
            return (int) entries.count();
        }
    }

    /** A running {@link CrashWorker} JVM and the protocol lines it has printed. */
    private record Worker(Process process, BlockingQueue<String> lines, Path stderr) {

        static Worker start(Path dataDir, RegistryConfig config, long seed, long pauseAt) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path stderr = Files.createTempFile(dataDir, "worker", ".err");
            Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-cp", classPath, CrashWorker.class.getName(), dataDir.toString(), config.jdbcUrl(),
                    config.user() == null ? "-" : config.user(), config.password() == null ? "-" : config.password(),
                    Long.toString(seed), Long.toString(pauseAt))
                    .redirectError(stderr.toFile())
                    .start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith(CrashWorker.PREFIX)) {
                            lines.add(line.substring(CrashWorker.PREFIX.length()));
                        }
                    }
                } catch (IOException e) {
                    lines.add("reader failed: " + e);
                }
            }, "crash-worker-stdout");
            reader.setDaemon(true);
            reader.start();
            return new Worker(process, lines, stderr);
        }

        /** Waits for a protocol line starting with {@code prefix}; fails with the worker's stderr on a dead or silent worker. */
        String awaitLine(String prefix) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LINE_DEADLINE_SECONDS);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
                if (line == null && !process.isAlive() && lines.isEmpty()) {
                    fail("worker exited with " + process.exitValue() + " before '" + prefix + "':\n" + Files.readString(stderr));
                }
            }
            process.destroyForcibly();
            return fail("worker printed no '" + prefix + "' within " + LINE_DEADLINE_SECONDS + " s:\n" + Files.readString(stderr));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(LINE_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                fail("worker did not die after SIGKILL");
            }
        }
    }
}
