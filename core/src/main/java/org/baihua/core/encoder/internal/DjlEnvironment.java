package org.baihua.core.encoder.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts DJL in offline mode and its caches in the host's data directory. DJL reads these settings
 * from system properties when an engine first loads, so the host applies them at start-up, before
 * anything touches DJL: without them DJL 0.36 calls an EC2 metadata address (usage tracking) and
 * would download a missing native library instead of failing.
 */
public final class DjlEnvironment {

    private DjlEnvironment() {}

    /**
     * Applies the settings; idempotent. The native tokenizer library is unpacked into
     * {@code <data-dir>/djl}.
     *
     * @throws UncheckedIOException if the cache folder cannot be created
     */
    public static void configure(Path dataDir) {
        Path cache = dataDir.resolve("djl").toAbsolutePath();
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create DJL cache folder " + cache, e);
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        // A cache another component already chose is kept: DJL may have unpacked libraries there.
        setIfAbsent("DJL_CACHE_DIR", cache.toString());
        setIfAbsent("ENGINE_CACHE_DIR", cache.toString());
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
