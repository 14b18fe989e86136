package org.baihua.core.encoder;

import java.nio.file.Path;

/**
 * Child-process main for {@link EmbeddingCacheCrashTest}: writes batches of vectors into the cache
 * for ever, printing how many batches are committed, until the test kills it.
 */
public final class CacheWriterProbe {

    private CacheWriterProbe() {}

    public static void main(String[] args) {
        try (EmbeddingCache cache = EmbeddingCache.open(Path.of(args[0]), 1_000_000)) {
            for (int batch = 0; ; batch++) {
                cache.store("enc", EmbeddingCacheTest.entries(batch * 50, batch * 50 + 50));
                System.out.println("committed " + (batch + 1));
                System.out.flush();
            }
        }
    }
}
