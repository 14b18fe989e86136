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

    /** The encoder a task names, or the configured default when it names none (null or blank). */
    public TextEncoder forTask(String encoderIdOrNull) {
        return encoderIdOrNull == null || encoderIdOrNull.isBlank() ? defaultEncoder() : get(encoderIdOrNull);
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
        private PreparedModel prepared;

        Entry(EncoderSpec spec) {
            this.spec = spec;
            this.lazy = new LazyTextEncoder(spec,
                    () -> new OnnxTextEncoder(spec, prepared(), config.threads(), config.intraOpThreads()));
            this.caching = new CachingTextEncoder(lazy, EncoderCatalog.this::cache,
                    () -> prepared().fingerprint() + "/" + spec.pooling().key() + "/" + spec.maxTokens(),
                    config.maxTextsPerCall());
        }

        synchronized PreparedModel prepared() {
            if (prepared == null) {
                prepared = files.prepare(spec);
            }
            return prepared;
        }
    }
}
