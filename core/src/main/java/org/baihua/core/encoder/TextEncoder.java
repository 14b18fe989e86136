package org.baihua.core.encoder;

import java.util.List;

/**
 * A shared sentence encoder: text &rarr; L2-normalised embedding. Implementations are thread-safe,
 * and a text's vector does not depend on which other texts are encoded with it.
 */
public interface TextEncoder {

    /** The encoder's stable id, for example {@code all-minilm-l6-v2-q}; recorded in every model's lineage. */
    String id();

    /** Width of the vectors this encoder returns. */
    int dimensions();

    /** Longest input in tokens; longer texts are truncated. */
    int maxTokens();

    /**
     * Embeds the texts, one vector per text in the same order.
     *
     * @throws IllegalArgumentException if a text is null (with its index)
     */
    float[][] embed(List<String> texts);
}
