package org.baihua.core.features;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.baihua.core.encoder.Embedding;

/**
 * How many texts a pipeline embedded and how many of them were longer than the encoder's limit and
 * cut: a training job summarises this in its result instead of logging a warning per batch.
 * Thread-safe.
 */
public final class TextStats {

    private final AtomicLong texts = new AtomicLong();
    private final AtomicLong truncated = new AtomicLong();

    void add(List<Embedding> embeddings) {
        texts.addAndGet(embeddings.size());
        truncated.addAndGet(embeddings.stream().filter(Embedding::truncated).count());
    }

    /** Texts embedded (cached ones included). */
    public long texts() {
        return texts.get();
    }

    /** Of those, texts longer than the encoder's maximum tokens, which kept only their start. */
    public long truncated() {
        return truncated.get();
    }
}
