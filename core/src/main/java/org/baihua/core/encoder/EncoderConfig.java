package org.baihua.core.encoder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.baihua.core.config.ConfigKey;
import org.baihua.core.config.Settings;

/**
 * Configuration of the shared encoders, read from the {@code encoder.*} keys of {@code conf/baihua.properties}
 * (declared once below, in {@link #KEYS}).
 *
 * @param defaultEncoder id of the encoder a task gets when neither it nor the request names one and its data
 *     set is not Chinese ({@code encoder.default})
 * @param threads worker threads per loaded encoder, each running one text at a time ({@code encoder.threads})
 * @param intraOpThreads ONNX Runtime threads inside one model run ({@code encoder.intra-op-threads})
 * @param directories extra encoder directories, each with model.onnx, tokenizer.json, encoder.json
 *     ({@code encoder.directories}, comma-separated)
 * @param cacheFile the embedding cache database, or null for {@code <data-dir>/cache/embeddings.db}
 *     ({@code encoder.cache.path})
 * @param cacheMaxEntries most cached embeddings before the least recently used are evicted; 0 disables
 *     the cache ({@code encoder.cache.max-entries})
 * @param maxTextsPerCall most texts one embed call accepts ({@code encoder.max-texts-per-call})
 * @param longText what the encoders do with texts longer than their window when neither the training
 *     request nor the task says, or null ({@code auto}) for chunk when the training texts' 90th percentile
 *     length exceeds the window, else truncate ({@code encoder.long-text})
 */
public record EncoderConfig(
        String defaultEncoder,
        int threads,
        int intraOpThreads,
        List<Path> directories,
        Path cacheFile,
        long cacheMaxEntries,
        int maxTextsPerCall,
        LongText longText) {

    public static final ConfigKey<String> DEFAULT = ConfigKey.text("encoder.default", BundledEncoders.BGE_SMALL_EN.id());
    public static final ConfigKey<Integer> THREADS = ConfigKey.integer("encoder.threads",
            Runtime.getRuntime().availableProcessors(), 1, 256);
    public static final ConfigKey<Integer> INTRA_OP_THREADS = ConfigKey.integer("encoder.intra-op-threads", 1, 1, 256);
    public static final ConfigKey<List<Path>> DIRECTORIES = ConfigKey.paths("encoder.directories");
    /** Absent: {@code <data-dir>/cache/embeddings.db}. */
    public static final ConfigKey<Path> CACHE_PATH = ConfigKey.path("encoder.cache.path", null);
    public static final ConfigKey<Long> CACHE_MAX_ENTRIES = ConfigKey.longValue("encoder.cache.max-entries", 200_000, 0,
            Long.MAX_VALUE);
    public static final ConfigKey<Integer> MAX_TEXTS_PER_CALL = ConfigKey.integer("encoder.max-texts-per-call", 65_536, 1,
            Integer.MAX_VALUE);
    /** {@code auto}: the host chooses by the training texts' lengths. */
    public static final ConfigKey<String> LONG_TEXT = ConfigKey.oneOf("encoder.long-text", "auto",
            List.of("auto", "truncate", "chunk", "head-tail"));
    /** This record's keys. */
    public static final List<ConfigKey<?>> KEYS = List.of(DEFAULT, THREADS, INTRA_OP_THREADS, DIRECTORIES, CACHE_PATH,
            CACHE_MAX_ENTRIES, MAX_TEXTS_PER_CALL, LONG_TEXT);

    public EncoderConfig {
        // ranges are checked once, where the keys are read (KEYS); code that builds one directly passes valid values
        Objects.requireNonNull(defaultEncoder, "encoder.default is null");
        directories = List.copyOf(Objects.requireNonNull(directories, "encoder.directories is null"));
    }

    /** A configuration that leaves the long-text strategy to the host ({@code encoder.long-text=auto}). */
    public EncoderConfig(String defaultEncoder, int threads, int intraOpThreads, List<Path> directories, Path cacheFile,
                         long cacheMaxEntries, int maxTextsPerCall) {
        this(defaultEncoder, threads, intraOpThreads, directories, cacheFile, cacheMaxEntries, maxTextsPerCall, null);
    }

    /** The defaults: bge-small-en-v1.5, one worker per core, one intra-op thread, 200,000 cached vectors. */
    public static EncoderConfig defaults() {
        return from(new Settings(Map.of()));
    }

    /**
     * Reads the {@code encoder.*} keys; missing ones default.
     *
     * @throws org.baihua.core.config.ConfigException for a value that is not valid, naming the key
     */
    public static EncoderConfig from(Settings settings) {
        return new EncoderConfig(settings.get(DEFAULT), settings.get(THREADS), settings.get(INTRA_OP_THREADS),
                settings.get(DIRECTORIES), settings.get(CACHE_PATH), settings.get(CACHE_MAX_ENTRIES),
                settings.get(MAX_TEXTS_PER_CALL), "auto".equals(settings.get(LONG_TEXT)) ? null : LongText.parse(settings.get(LONG_TEXT)));
    }

    /** The cache database: {@link #cacheFile()} or {@code <data-dir>/cache/embeddings.db}. */
    public Path cacheFileIn(Path dataDir) {
        return cacheFile != null ? cacheFile : dataDir.resolve("cache").resolve("embeddings.db");
    }
}
