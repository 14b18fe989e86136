package org.baihua.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.baihua.core.batch.PackedVersion;
import org.baihua.core.batch.ScoringRuntime;
import org.baihua.core.inference.VersionScorer;

/**
 * The versions loaded in this JVM. A Spark executor has no injector and runs many tasks: each
 * version (its plugin, encoders and ONNX head) is loaded once per executor JVM here and shared by
 * every task of every job in it; a JVM-wide registry is the one place a task can find it again.
 * The runtimes close when the JVM exits.
 */
final class ExecutorScorers {

    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorScorers::closeAll, "baihua-spark-close"));
    }

    private record Loaded(ScoringRuntime runtime, Path workDir) {}

    private ExecutorScorers() {}

    /** The scorer of {@code packed} with {@code mapping}, loaded on first use in this JVM. */
    static VersionScorer get(PackedVersion packed, String mapping) {
        String key = packed.key() + "|" + (mapping == null ? "" : mapping);
        return LOADED.computeIfAbsent(key, k -> {
            Path workDir;
            try {
                workDir = Files.createTempDirectory("baihua-spark-");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot create a work directory for " + packed.owner(), e);
            }
            return new Loaded(ScoringRuntime.start(packed, workDir, mapping), workDir);
        }).runtime().scorer();
    }

    /** How many versions this JVM has loaded (for tests). */
    static int loadedCount() {
        return LOADED.size();
    }

    private static void closeAll() {
        LOADED.values().forEach(loaded -> {
            try {
                loaded.runtime().close();
            } catch (RuntimeException e) {
                // the JVM is exiting; nothing to tell
            }
            try (Stream<Path> files = Files.walk(loaded.workDir())) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | RuntimeException e) {
                // a temporary directory; best effort
            }
        });
        LOADED.clear();
    }
}
