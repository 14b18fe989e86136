package org.baihua.core.encoder;

import java.util.List;
import java.util.function.Supplier;

/**
 * Describes an encoder from its spec at once and loads the model on the first embed call, so that
 * the host starts fast and loads only the encoders in use.
 */
final class LazyTextEncoder implements TextEncoder, AutoCloseable {

    private final EncoderSpec spec;
    private final Supplier<OnnxTextEncoder> loader;
    private OnnxTextEncoder loaded;
    private boolean closed;

    LazyTextEncoder(EncoderSpec spec, Supplier<OnnxTextEncoder> loader) {
        this.spec = spec;
        this.loader = loader;
    }

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
        return encoder().embed(texts);
    }

    @Override
    public List<Embedding> embedDetailed(List<String> texts) {
        return encoder().embedDetailed(texts);
    }

    /** Embeds with a long-text strategy; see {@link OnnxTextEncoder#embedDetailed(List, LongText)}. */
    List<Embedding> embedDetailed(List<String> texts, LongText strategy) {
        return encoder().embedDetailed(texts, strategy);
    }

    /** Each text's length in tokens; see {@link OnnxTextEncoder#tokenCounts}. */
    int[] tokenCounts(List<String> texts) {
        return encoder().tokenCounts(texts);
    }

    /** Whether the model has been loaded. */
    synchronized boolean isLoaded() {
        return loaded != null;
    }

    /** Texts truncated so far (0 before the model is loaded). */
    synchronized long truncatedTexts() {
        return loaded == null ? 0 : loaded.truncatedTexts();
    }

    /** Texts waiting for a worker (0 before the model is loaded). */
    synchronized int queuedTexts() {
        return loaded == null ? 0 : loaded.queuedTexts();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (loaded != null) {
            loaded.close();
            loaded = null;
        }
    }

    /** Loading holds the lock: concurrent first calls wait for one load instead of loading twice. */
    private synchronized OnnxTextEncoder encoder() {
        if (closed) {
            throw new EncoderException(spec.id(), "is closed");
        }
        if (loaded == null) {
            loaded = loader.get();
        }
        return loaded;
    }
}
