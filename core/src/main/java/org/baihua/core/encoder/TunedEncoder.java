package org.baihua.core.encoder;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
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
    private final StrategyViews views;
    private final Runnable onClose;
    private boolean closed;

    /**
     * @param cache the catalog's embedding cache (a supplier of null disables caching)
     * @param onClose run once the session is released
     */
    TunedEncoder(EncoderSpec spec, PreparedModel files, String modelSha256, OnnxTextEncoder onnx,
                 Supplier<EmbeddingCache> cache, int maxTextsPerCall, Runnable onClose) {
        this.spec = Objects.requireNonNull(spec, "spec is null");
        this.modelSha256 = Objects.requireNonNull(modelSha256, "modelSha256 is null");
        this.onnx = Objects.requireNonNull(onnx, "onnx is null");
        this.onClose = onClose;
        String fingerprint = StrategyViews.fingerprint(files, spec);
        this.views = new StrategyViews(spec, onnx::embedDetailed, "sha256-" + modelSha256, cache, () -> fingerprint,
                maxTextsPerCall);
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
        return views.get(strategy);
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
}
