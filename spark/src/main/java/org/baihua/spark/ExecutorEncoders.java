package org.baihua.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.baihua.core.config.Settings;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderConfig;

/**
 * The encoder catalogs of this JVM, one per set of encoder settings, loaded once per executor JVM
 * and shared by its tasks (as {@link ExecutorScorers} does for versions). Their embedding cache is
 * off: the vectors go back to the driver, which stores them in the host's cache.
 */
final class ExecutorEncoders {

    private static final Map<Map<String, String>, EncoderCatalog> LOADED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LOADED.values().forEach(catalog -> {
            try {
                catalog.close();
            } catch (RuntimeException e) {
                // the JVM is exiting; nothing to tell
            }
        }), "baihua-spark-encoders-close"));
    }

    private ExecutorEncoders() {}

    /** The catalog of the host's {@code encoder.*} settings, opened on first use in this JVM. */
    static EncoderCatalog get(Map<String, String> encoderSettings) {
        return LOADED.computeIfAbsent(Map.copyOf(encoderSettings), settings -> {
            Path workDir;
            try {
                workDir = Files.createTempDirectory("baihua-spark-encoders-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a work directory for the encoders", e);
            }
            Map<String, String> uncached = new LinkedHashMap<>(settings);
            uncached.put(EncoderConfig.CACHE_MAX_ENTRIES.name(), "0");
            return new EncoderCatalog(workDir, EncoderConfig.from(new Settings(uncached)));
        });
    }
}
