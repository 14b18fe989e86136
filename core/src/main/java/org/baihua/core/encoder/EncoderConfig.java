package org.baihua.core.encoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of the shared encoders, read from the {@code encoder.*} keys of {@code conf/baihua.properties}.
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
 */
public record EncoderConfig(
        String defaultEncoder,
        int threads,
        int intraOpThreads,
        List<Path> directories,
        Path cacheFile,
        long cacheMaxEntries,
        int maxTextsPerCall) {

    static final String PREFIX = "encoder.";
    private static final Set<String> KEYS = Set.of(
            "encoder.default", "encoder.threads", "encoder.intra-op-threads", "encoder.directories",
            "encoder.cache.path", "encoder.cache.max-entries", "encoder.max-texts-per-call");

    public EncoderConfig {
        Objects.requireNonNull(defaultEncoder, "encoder.default is null");
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("encoder.threads must be in [1, 256], was " + threads);
        }
        if (intraOpThreads < 1 || intraOpThreads > 256) {
            throw new IllegalArgumentException("encoder.intra-op-threads must be in [1, 256], was " + intraOpThreads);
        }
        directories = List.copyOf(Objects.requireNonNull(directories, "encoder.directories is null"));
        if (cacheMaxEntries < 0) {
            throw new IllegalArgumentException("encoder.cache.max-entries must be >= 0, was " + cacheMaxEntries);
        }
        if (maxTextsPerCall < 1) {
            throw new IllegalArgumentException("encoder.max-texts-per-call must be >= 1, was " + maxTextsPerCall);
        }
    }

    /** The defaults: bge-small-en-v1.5, one worker per core, one intra-op thread, 200,000 cached vectors. */
    public static EncoderConfig defaults() {
        return new EncoderConfig(BundledEncoders.BGE_SMALL_EN.id(), Runtime.getRuntime().availableProcessors(), 1,
                List.of(), null, 200_000, 65_536);
    }

    /**
     * Reads the {@code encoder.*} keys of {@code properties}; other keys are ignored, missing ones default.
     *
     * @throws IllegalArgumentException for an unknown {@code encoder.*} key (with the closest known one)
     *     or a value that is not valid, naming the key
     */
    public static EncoderConfig fromProperties(Map<String, String> properties) {
        for (String key : properties.keySet()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown configuration key '" + key + "'; did you mean '"
                        + closest(key) + "'? Known keys: " + KEYS.stream().sorted().toList());
            }
        }
        EncoderConfig d = defaults();
        String cachePath = properties.getOrDefault("encoder.cache.path", "").trim();
        return new EncoderConfig(
                properties.getOrDefault("encoder.default", d.defaultEncoder()).trim(),
                (int) number(properties, "encoder.threads", d.threads()),
                (int) number(properties, "encoder.intra-op-threads", d.intraOpThreads()),
                paths(properties.getOrDefault("encoder.directories", "")),
                cachePath.isEmpty() ? null : Path.of(cachePath),
                number(properties, "encoder.cache.max-entries", d.cacheMaxEntries()),
                (int) number(properties, "encoder.max-texts-per-call", d.maxTextsPerCall()));
    }

    /** The cache database: {@link #cacheFile()} or {@code <data-dir>/cache/embeddings.db}. */
    public Path cacheFileIn(Path dataDir) {
        return cacheFile != null ? cacheFile : dataDir.resolve("cache").resolve("embeddings.db");
    }

    private static long number(Map<String, String> properties, String key, long fallback) {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim().replace("_", ""));
            if (parsed > Integer.MAX_VALUE && !key.equals("encoder.cache.max-entries")) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static List<Path> paths(String value) {
        List<Path> result = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                result.add(Path.of(part.trim()));
            }
        }
        return result;
    }

    private static String closest(String key) {
        return KEYS.stream().min(Comparator.comparingInt(known -> distance(known, key))).orElseThrow();
    }

    /** Levenshtein distance, to suggest the key a typo meant. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
