package org.baihua.core.encoder;

import java.util.ArrayList;
import java.util.List;

/**
 * A shared sentence encoder: text &rarr; L2-normalised embedding. Implementations are thread-safe,
 * and a text's vector does not depend on which other texts are encoded with it. The host's encoders
 * give an empty text the vector of the empty sentence and truncate a text longer than
 * {@link #maxTokens()} (keeping its start; {@link #embedDetailed} tells which texts were cut).
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

    /**
     * Embeds the texts and reports, per text, how many tokens the model saw and whether the text was
     * truncated to {@link #maxTokens()}. The default suits encoders that do not tokenise: it reports
     * {@link Embedding#UNKNOWN_TOKENS} and no truncation.
     *
     * @throws IllegalArgumentException if a text is null (with its index)
     */
    default List<Embedding> embedDetailed(List<String> texts) {
        float[][] vectors = embed(texts);
        List<Embedding> result = new ArrayList<>(vectors.length);
        for (float[] vector : vectors) {
            result.add(new Embedding(vector, Embedding.UNKNOWN_TOKENS, false));
        }
        return result;
    }
}
