package org.baihua.core.encoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.baihua.core.encoder.internal.DjlEnvironment;
import org.baihua.core.encoder.internal.EncoderDefinitions;
import org.baihua.core.encoder.internal.ModelFiles;
import org.baihua.core.encoder.internal.PreparedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's encoders: the bundled ones plus one per configured directory. Construction only reads
 * the definitions; a model loads on its encoder's first embed call. Closing the catalog closes
 * every loaded model and the embedding cache.
 */
public final class EncoderCatalog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EncoderCatalog.class);

    private final Path dataDir;
    private final EncoderConfig config;
    private final ModelFiles files;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger tunedOpen = new java.util.concurrent.atomic.AtomicInteger();
    private EmbeddingCache cache;
    private boolean closed;

    /**
     * Reads the encoder definitions and applies DJL's offline settings.
     *
     * @param dataDir the host's data directory (model copies, DJL's native library, the cache)
     * @throws IllegalArgumentException if a directory's definition is invalid, two encoders share an
     *     id, or the default encoder does not exist
     */
    public EncoderCatalog(Path dataDir, EncoderConfig config) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir is null");
        this.config = Objects.requireNonNull(config, "config is null");
        DjlEnvironment.configure(dataDir);
        this.files = new ModelFiles(dataDir, EncoderCatalog.class.getClassLoader());
        List<EncoderSpec> specs = new ArrayList<>(BundledEncoders.all());
        EncoderDefinitions definitions = new EncoderDefinitions();
        for (Path directory : config.directories()) {
            specs.add(definitions.read(directory));
        }
        for (EncoderSpec spec : specs) {
            Entry previous = entries.get(spec.id());
            if (previous != null) {
                throw new IllegalArgumentException("two encoders have the id '" + spec.id() + "': "
                        + describe(previous.spec) + " and " + describe(spec));
            }
            entries.put(spec.id(), new Entry(spec));
        }
        if (!entries.containsKey(config.defaultEncoder())) {
            throw new IllegalArgumentException("encoder.default is '" + config.defaultEncoder()
                    + "', which is not an encoder; known encoders: " + entries.keySet());
        }
    }

    /** Every encoder, bundled ones first. */
    public List<EncoderSpec> encoders() {
        return entries.values().stream().map(entry -> entry.spec).toList();
    }

    /**
     * The encoder with this id (its vectors cached).
     *
     * @throws EncoderNotFoundException naming the known ids
     */
    public TextEncoder get(String id) {
        return entry(id).caching;
    }

    /**
     * The encoder with this id, handling long texts by {@code strategy} (its vectors cached per strategy).
     *
     * @throws EncoderNotFoundException naming the known ids
     */
    public TextEncoder get(String id, LongText strategy) {
        return entry(id).caching(strategy);
    }

    /**
     * Stores vectors that encoder {@code id} computed for texts under {@code strategy} in another process
     * (see {@link CachingTextEncoder#importVectors}), keyed as this catalog's own lookups key them.
     *
     * @throws EncoderNotFoundException naming the known ids
     * @throws IllegalStateException if caching is disabled
     */
    public void importVectors(String id, LongText strategy, Map<EmbeddingCache.TextKey, Embedding> computed) {
        entry(id).caching(strategy).importVectors(computed);
    }

    /**
     * Each text's length in tokens under this encoder's tokenizer, special tokens included (loads the encoder).
     *
     * @throws EncoderNotFoundException naming the known ids
     */
    public int[] tokenCounts(String id, List<String> texts) {
        return entry(id).lazy.tokenCounts(texts);
    }

    /** The encoder a task names, or the configured default when it names none (null or blank). */
    public TextEncoder forTask(String encoderIdOrNull) {
        return encoderIdOrNull == null || encoderIdOrNull.isBlank() ? defaultEncoder() : get(encoderIdOrNull);
    }

    /**
     * The encoder the host picks for texts in {@code language} when neither the request nor the task
     * names one: for {@code zh}, the first encoder declaring Chinese; otherwise {@code encoder.default}.
     */
    public EncoderSpec defaultFor(String language) {
        if ("zh".equals(language)) {
            for (Entry entry : entries.values()) {
                if (entry.spec.supports("zh")) {
                    return entry.spec;
                }
            }
        }
        return entry(config.defaultEncoder()).spec;
    }

    /** The languages ({@code en}, {@code zh}, {@code und}) for which {@link #defaultFor} gives this encoder. */
    public List<String> defaultLanguagesOf(String id) {
        EncoderSpec spec = entry(id).spec;
        return java.util.stream.Stream.of("en", "zh", "und").filter(language -> defaultFor(language) == spec).toList();
    }

    /** What {@code encoder.long-text} says to do with texts longer than the window, or null for {@code auto}. */
    public LongText longTextSetting() {
        return config.longText();
    }

    /** The configured default encoder. */
    public TextEncoder defaultEncoder() {
        return get(config.defaultEncoder());
    }

    /** The spec of the encoder with this id. @throws EncoderNotFoundException naming the known ids */
    public EncoderSpec spec(String id) {
        return entry(id).spec;
    }

    /** Whether the encoder's model is loaded (it loads on first use). */
    public boolean isLoaded(String id) {
        return entry(id).lazy.isLoaded();
    }

    /** Texts embedded by this encoder so far that were truncated to its max tokens. */
    public long truncatedTexts(String id) {
        return entry(id).lazy.truncatedTexts();
    }

    /** Texts waiting for one of this encoder's workers (0 while it is not loaded). */
    public int queuedTexts(String id) {
        return entry(id).lazy.queuedTexts();
    }

    /**
     * The model and tokenizer files of encoder {@code id} on disk (a bundled encoder's are copied out of
     * its carrier jar once), for fine-tuning, which reads the graph's weights.
     *
     * @throws EncoderNotFoundException naming the known ids
     */
    public PreparedModel files(String id) {
        return entry(id).prepared();
    }

    /**
     * Loads a fine-tuned encoder from its directory (a model version's) in ONNX Runtime, with this
     * catalog's threads and embedding cache. The caller closes it when the version leaves service.
     *
     * @param modelSha256 SHA-256 of the directory's {@code model.onnx}, as the version's manifest records it
     *     (the files are taken as verified)
     * @throws IllegalArgumentException if the directory is not an encoder directory
     * @throws EncoderException if the model cannot be loaded
     */
    public TunedEncoder openTuned(Path directory, String modelSha256) {
        EncoderSpec spec = new EncoderDefinitions().read(directory);
        // the caller verified the files against the version's manifest: hashing 100+ MB again would only slow loading
        PreparedModel prepared = new PreparedModel(directory, directory.resolve("model.onnx"),
                directory.resolve("tokenizer.json"), modelSha256);
        OnnxTextEncoder onnx = load(spec, prepared);
        tunedOpen.incrementAndGet();
        return new TunedEncoder(spec, prepared, modelSha256, onnx, this::cache, config.maxTextsPerCall(),
                tunedOpen::decrementAndGet);
    }

    /**
     * A scratch folder for encoders being fine-tuned ({@code <data-dir>/encoders/.tuning}); what is
     * here belongs to running jobs, and nothing here is needed after a restart.
     */
    public Path tuningScratch() {
        return dataDir.resolve("encoders").resolve(".tuning");
    }

    /** Fine-tuned encoders loaded by {@link #openTuned} and not closed yet: one per model version in service. */
    public int tunedEncodersOpen() {
        return tunedOpen.get();
    }

    /** The cache's counters; all zero while caching is disabled or unused. */
    public synchronized CacheStats cacheStats() {
        return cache == null ? new CacheStats(0, 0, 0, 0) : cache.stats();
    }

    /** Closes every loaded model and the cache. */
    @Override
    public synchronized void close() {
        closed = true;
        RuntimeException failure = null;
        for (Entry entry : entries.values()) {
            try {
                entry.lazy.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : addSuppressed(failure, e);
            }
        }
        if (cache != null) {
            cache.close();
            cache = null;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private Entry entry(String id) {
        Entry entry = id == null ? null : entries.get(id);
        if (entry == null) {
            throw new EncoderNotFoundException(id, entries.keySet());
        }
        return entry;
    }

    /** Loads a model in ONNX Runtime with this catalog's threads: shared encoders and fine-tuned ones alike. */
    private OnnxTextEncoder load(EncoderSpec spec, PreparedModel prepared) {
        return new OnnxTextEncoder(spec, prepared, config.threads(), config.intraOpThreads());
    }

    private synchronized EmbeddingCache cache() {
        if (config.cacheMaxEntries() == 0) {
            return null;
        }
        if (closed) {
            throw new IllegalStateException("encoder catalog is closed");
        }
        if (cache == null) {
            cache = EmbeddingCache.open(config.cacheFileIn(dataDir), config.cacheMaxEntries());
            LOG.info("Embedding cache {} opened ({} vectors, at most {})",
                    cache.file(), cache.stats().entries(), config.cacheMaxEntries());
        }
        return cache;
    }

    private static String describe(EncoderSpec spec) {
        return spec.source() instanceof EncoderSpec.Directory dir ? "directory " + dir.path() : "bundled";
    }

    private static RuntimeException addSuppressed(RuntimeException first, RuntimeException next) {
        first.addSuppressed(next);
        return first;
    }

    /** One encoder: its files are prepared once, its model loaded once, both on first use. */
    private final class Entry {
        final EncoderSpec spec;
        final LazyTextEncoder lazy;
        final CachingTextEncoder caching;
        private final StrategyViews views;
        private PreparedModel prepared;

        Entry(EncoderSpec spec) {
            this.spec = spec;
            this.lazy = new LazyTextEncoder(spec, () -> load(spec, prepared()));
            this.views = new StrategyViews(spec, lazy::embedDetailed, spec.id(), EncoderCatalog.this::cache,
                    () -> StrategyViews.fingerprint(prepared(), spec), config.maxTextsPerCall());
            this.caching = views.get(LongText.TRUNCATE);
        }

        CachingTextEncoder caching(LongText strategy) {
            return views.get(strategy);
        }

        synchronized PreparedModel prepared() {
            if (prepared == null) {
                prepared = files.prepare(spec);
            }
            return prepared;
        }
    }
}
