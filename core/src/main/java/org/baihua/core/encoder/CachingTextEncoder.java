package org.baihua.core.encoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A {@link TextEncoder} that looks every text up in the {@link EmbeddingCache} first and embeds
 * only the texts it has not seen (each distinct text once per call). Since the underlying encoder
 * gives a text the same vector whatever it is batched with, cached and fresh vectors agree exactly.
 */
public final class CachingTextEncoder implements TextEncoder {

    private final TextEncoder delegate;
    private final String namespace;
    private final Supplier<EmbeddingCache> cache;
    private final Supplier<String> fingerprint;
    private final int maxTextsPerCall;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private volatile boolean bound;

    /**
     * @param delegate the encoder that computes missing vectors
     * @param namespace the cache's name for the delegate's vectors: its id, with the long-text strategy
     *     when that is not truncation, so that each (encoder, strategy, text) has its own entry
     * @param cache the cache, opened on first use; a supplier of null disables caching
     * @param fingerprint identifies the delegate's model files; asked once, before the first lookup
     * @param maxTextsPerCall most texts one call accepts
     */
    public CachingTextEncoder(TextEncoder delegate, String namespace, Supplier<EmbeddingCache> cache,
                              Supplier<String> fingerprint, int maxTextsPerCall) {
        this.delegate = delegate;
        this.namespace = namespace;
        this.cache = cache;
        this.fingerprint = fingerprint;
        this.maxTextsPerCall = maxTextsPerCall;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public int dimensions() {
        return delegate.dimensions();
    }

    @Override
    public int maxTokens() {
        return delegate.maxTokens();
    }

    @Override
    public float[][] embed(List<String> texts) {
        List<Embedding> embeddings = embedDetailed(texts);
        float[][] vectors = new float[embeddings.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = embeddings.get(i).vector().clone();
        }
        return vectors;
    }

    /**
     * Null texts are rejected with their index; an empty text gets the vector of the empty sentence.
     *
     * @throws IllegalArgumentException if a text is null or there are more than the configured maximum
     */
    @Override
    public List<Embedding> embedDetailed(List<String> texts) {
        Texts.requireNoNull(texts);
        if (texts.size() > maxTextsPerCall) {
            throw new IllegalArgumentException("encoder '" + id() + "': " + texts.size() + " texts in one call,"
                    + " the limit is " + maxTextsPerCall + " (encoder.max-texts-per-call): send them in parts");
        }
        EmbeddingCache store = cache.get();
        if (store == null || texts.isEmpty()) {
            misses.addAndGet(texts.size());
            return delegate.embedDetailed(texts);
        }
        bindOnce(store);
        List<EmbeddingCache.TextKey> keys = new ArrayList<>(texts.size());
        for (String text : texts) {
            keys.add(EmbeddingCache.keyOf(text));
        }
        Embedding[] result = store.lookup(namespace, keys, dimensions());
        Map<EmbeddingCache.TextKey, String> missing = new LinkedHashMap<>();
        for (int i = 0; i < result.length; i++) {
            if (result[i] == null) {
                missing.putIfAbsent(keys.get(i), texts.get(i));
            }
        }
        hits.addAndGet(result.length - countNull(result));
        misses.addAndGet(countNull(result));
        if (!missing.isEmpty()) {
            List<Embedding> computed = delegate.embedDetailed(new ArrayList<>(missing.values()));
            Map<EmbeddingCache.TextKey, Embedding> byKey = new LinkedHashMap<>();
            int j = 0;
            for (EmbeddingCache.TextKey key : missing.keySet()) {
                byKey.put(key, computed.get(j++));
            }
            store.store(namespace, byKey);
            for (int i = 0; i < result.length; i++) {
                if (result[i] == null) {
                    result[i] = byKey.get(keys.get(i));
                }
            }
        }
        return List.of(result);
    }

    /**
     * Stores vectors computed elsewhere by the same encoder (Spark executors: {@code BatchEmbed}) under
     * this encoder's namespace, as if this encoder had computed them; a text already cached keeps its vector.
     *
     * @throws IllegalStateException if caching is disabled ({@code encoder.cache.max-entries=0})
     */
    public void importVectors(Map<EmbeddingCache.TextKey, Embedding> computed) {
        EmbeddingCache store = cache.get();
        if (store == null) {
            throw new IllegalStateException("encoder '" + id() + "': the embedding cache is disabled"
                    + " (encoder.cache.max-entries=0), so there is nowhere to store vectors");
        }
        bindOnce(store);
        store.store(namespace, computed);
    }

    /** Texts of this encoder answered from the cache so far. */
    public long hits() {
        return hits.get();
    }

    /** Texts of this encoder that had to be embedded so far. */
    public long misses() {
        return misses.get();
    }

    private void bindOnce(EmbeddingCache store) {
        if (!bound) {
            synchronized (this) {
                if (!bound) {
                    store.bind(namespace, fingerprint.get());
                    bound = true;
                }
            }
        }
    }

    private static int countNull(Embedding[] embeddings) {
        int count = 0;
        for (Embedding embedding : embeddings) {
            if (embedding == null) {
                count++;
            }
        }
        return count;
    }
}
