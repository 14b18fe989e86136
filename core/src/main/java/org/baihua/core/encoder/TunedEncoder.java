package org.baihua.core.encoder;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.baihua.core.encoder.internal.PreparedModel;

/**
 * A fine-tuned encoder that belongs to one model version: its directory holds the tuned
 * {@code model.onnx}, served through DJL and ONNX Runtime exactly as a bundled encoder. Its vectors
 * are cached under the model file's SHA-256, never under the base encoder's id, so a fine-tuned
 * version never reads frozen vectors (and two versions with identical weights share theirs).
 * Loaded on {@link EncoderCatalog#openTuned}; the caller closes it when the version leaves service.
 */
public final class TunedEncoder implements AutoCloseable {

    private final EncoderSpec spec;
    private final String modelSha256;
    private final OnnxTextEncoder onnx;
    private final Map<LongText, TextEncoder> byStrategy = new EnumMap<>(LongText.class);
    private final Factory caching;
    private final Runnable onClose;
    private final String fingerprint;
    private boolean closed;

    /** Wraps the loaded encoder in the catalog's cache under a namespace. */
    interface Factory {
        TextEncoder caching(TextEncoder delegate, String namespace, String fingerprint);
    }

    TunedEncoder(EncoderSpec spec, PreparedModel files, String modelSha256, OnnxTextEncoder onnx, Factory caching,
                 Runnable onClose) {
        this.spec = Objects.requireNonNull(spec, "spec is null");
        this.modelSha256 = Objects.requireNonNull(modelSha256, "modelSha256 is null");
        this.onnx = Objects.requireNonNull(onnx, "onnx is null");
        this.caching = caching;
        this.onClose = onClose;
        this.fingerprint = files.fingerprint() + "/" + spec.pooling().key() + "/" + spec.maxTokens();
    }

    /** The encoder's definition (its id names the version it was tuned for). */
    public EncoderSpec spec() {
        return spec;
    }

    /** SHA-256 of {@code model.onnx}: the key of this encoder's cached vectors. */
    public String modelSha256() {
        return modelSha256;
    }

    /** The encoder handling long texts by {@code strategy}, its vectors cached by the model's hash. */
    public synchronized TextEncoder get(LongText strategy) {
        if (closed) {
            throw new EncoderException(spec.id(), "is closed");
        }
        return byStrategy.computeIfAbsent(strategy, s -> {
            String namespace = "sha256-" + modelSha256 + (s == LongText.TRUNCATE ? "" : "~" + s.key());
            return caching.caching(s == LongText.TRUNCATE ? onnx : withStrategy(s), namespace, fingerprint);
        });
    }

    /** Each text's length in tokens, special tokens included. */
    public int[] tokenCounts(List<String> texts) {
        return onnx.tokenCounts(texts);
    }

    /** Releases the ONNX Runtime session. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                onnx.close();
            } finally {
                onClose.run();
            }
        }
    }

    private TextEncoder withStrategy(LongText strategy) {
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
                return onnx.embedDetailed(texts, strategy);
            }
        };
    }
}
