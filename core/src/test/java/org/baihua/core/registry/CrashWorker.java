package org.baihua.core.registry;

import ch.qos.logback.classic.Level;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.baihua.core.BaihuaException;
import org.baihua.sdk.DataRecord;
import org.slf4j.LoggerFactory;

/**
 * A host stand-in for {@link CrashSafetyContract}: trains versions, writes artifacts, moves stages
 * and stores data sets in an endless loop until the test kills it. Protocol lines on stdout start
 * with {@value #PREFIX}. Arguments: data dir, JDBC URL, user ("-" for none), password ("-"),
 * seed, and the step at which to stop mid-training and wait to be killed (0 for never).
 */
public final class CrashWorker {
    static final String PREFIX = "CRASHWORKER ";
    static final String HOST = "worker";

    private CrashWorker() {}

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Path dataDir = Path.of(args[0]);
        RegistryConfig config = new RegistryConfig(args[1], orNull(args[2]), orNull(args[3]), 4);
        Random random = new Random(Long.parseLong(args[4]));
        long pauseAt = Long.parseLong(args[5]);
        try (Stores stores = new Stores(dataDir, config)) {
            stores.jobs.recoverInterrupted(HOST);
            for (long step = 1; ; step++) {
                step(stores, random, step, pauseAt);
                say("step " + step);
            }
        }
    }

    private static void step(Stores stores, Random random, long step, long pauseAt) throws Exception {
        String model = "m" + random.nextInt(3);
        int v;
        String job;
        if (step % 2 == 0) {
            // as a host queues training: version and job in one transaction
            JobStore.QueuedTraining queued = stores.jobs.queueTraining(model, "finance", "fraud", TestData.lineage(), HOST);
            v = queued.version().version();
            job = queued.job().id();
            mark(step, "created", model, v);
        } else {
            // in two transactions: a kill between them leaves a version without a job
            v = stores.registry.createVersion(model, "finance", "fraud", TestData.lineage()).version();
            mark(step, "created", model, v);
            job = stores.jobs.create(model, v, HOST).id();
        }
        stores.jobs.startTraining(job);
        mark(step, "job-started", model, v);
        stores.jobs.progress(job, new JobProgress("training", 1, 2, 0.5, 0.6));
        mark(step, "training", model, v);
        if (step == pauseAt) {
            say("paused " + job + " " + model + " " + v);
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (step != 3 && random.nextInt(6) == 0) {
            stores.jobs.failTraining(job, "diverged");
        } else {
            int size = 256 * 1024 + random.nextInt(1024 * 1024);
            mark(step, "writing-artifact", model, v);
            stores.jobs.finishTraining(job, TestData.head(size, random.nextLong()), TestData.pipeline(),
                    TestData.result(random.nextDouble()));
            mark(step, "ready", model, v);
        }
        mark(step, "moving-stage", model, v);
        List<ModelVersion> versions = stores.registry.versions(model);
        ModelVersion other = versions.get(random.nextInt(versions.size()));
        try {
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> stores.registry.promote(model, other.version());
                case 4, 5 -> stores.registry.rollback(model);
                case 6 -> stores.registry.archive(model, other.version());
                case 7 -> stores.registry.deleteVersion(model, other.version());
                default -> { }
            }
        } catch (BaihuaException illegalNow) {
            // the random move was not legal in the current state; the next step tries another
        }
        mark(step, "saving-dataset", model, v);
        if (step % 4 == 0) {
            List<DataRecord> rows = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                rows.add(new DataRecord(i + 2, Map.of("text", "row " + i + " of step " + step, "label", i % 2 == 0 ? "a" : "b")));
            }
            stores.datasets.save(new NewDataset(null, "finance", "fraud", "csv", "hash-" + random.nextLong(),
                    Map.of("a", 100L, "b", 100L), List.of(new RejectedRow(1, "header")), "worker"), rows);
        }
    }

    /** Where the worker is; the test kills it right after a chosen mark, so the kill lands in the next operation. */
    private static void mark(long step, String point, String model, int version) {
        say("at " + step + " " + point + " " + model + " " + version);
    }

    private static void say(String line) {
        System.out.println(PREFIX + line);
        System.out.flush();
    }

    private static String orNull(String arg) {
        return "-".equals(arg) ? null : arg;
    }
}
