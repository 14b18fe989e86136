package org.baihua.core.encoder;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.baihua.core.encoder.internal.PreparedModel;

/**
 * One encoder model seen through each long-text strategy, each view's vectors cached under a namespace
 * of its own ({@code <namespace>} for truncation, so vectors cached before strategies existed stay
 * valid, {@code <namespace>~<strategy>} otherwise). The catalog's shared encoders and a version's
 * fine-tuned encoder are served through it alike; only their namespace and model differ.
 */
final class StrategyViews {

    /** The model behind the views: embeds texts with a long-text strategy. */
    interface Embedder {
        List<Embedding> embedDetailed(List<String> texts, LongText strategy);
    }

    private final EncoderSpec spec;
    private final Embedder embedder;
    private final String namespace;
    private final Supplier<EmbeddingCache> cache;
    private final Supplier<String> fingerprint;
    private final int maxTextsPerCall;
    private final Map<LongText, CachingTextEncoder> views = new EnumMap<>(LongText.class);

    /**
     * @param namespace the cache's name for this model's vectors under truncation
     * @param cache the catalog's cache, opened on first use (a supplier of null disables caching)
     * @param fingerprint identifies the model files; see {@link #fingerprint(PreparedModel, EncoderSpec)}
     */
    StrategyViews(EncoderSpec spec, Embedder embedder, String namespace, Supplier<EmbeddingCache> cache,
                  Supplier<String> fingerprint, int maxTextsPerCall) {
        this.spec = spec;
        this.embedder = embedder;
        this.namespace = namespace;
        this.cache = cache;
        this.fingerprint = fingerprint;
        this.maxTextsPerCall = maxTextsPerCall;
    }

    /** What identifies an encoder's vectors besides its namespace: its files, pooling and window. */
    static String fingerprint(PreparedModel files, EncoderSpec spec) {
        return files.fingerprint() + "/" + spec.pooling().key() + "/" + spec.maxTokens();
    }

    /** The encoder handling long texts by {@code strategy}, its vectors cached. */
    synchronized CachingTextEncoder get(LongText strategy) {
        return views.computeIfAbsent(strategy, s -> new CachingTextEncoder(view(s),
                s == LongText.TRUNCATE ? namespace : namespace + "~" + s.key(), cache, fingerprint, maxTextsPerCall));
    }

    private TextEncoder view(LongText strategy) {
        return new TextEncoder() {
            @Override
            public String id() {
                return spec.id();
            }

            @Override
            public int dimensions() {
                return spec.dimensions();
            }

            @Override
            public int maxTokens() {
                return spec.maxTokens();
            }

            @Override
            public float[][] embed(List<String> texts) {
                return embedDetailed(texts).stream().map(Embedding::vector).toArray(float[][]::new);
            }

            @Override
            public List<Embedding> embedDetailed(List<String> texts) {
                return embedder.embedDetailed(texts, strategy);
            }
        };
    }
}
