package org.baihua.core.encoder;

import java.util.Objects;

/**
 * One text's embedding and what the tokenizer did to the text.
 *
 * @param vector the L2-normalised embedding (not copied: callers must not modify it)
 * @param tokens tokens the model saw, special tokens included, or {@link #UNKNOWN_TOKENS}
 * @param truncated whether the text was longer than the encoder's maximum and was cut
 */
public record Embedding(float[] vector, int tokens, boolean truncated) {

    /** Token count reported by encoders that do not tokenise. */
    public static final int UNKNOWN_TOKENS = -1;

    public Embedding {
        Objects.requireNonNull(vector, "vector is null");
        if (tokens < UNKNOWN_TOKENS) {
            throw new IllegalArgumentException("tokens must be >= 0 or UNKNOWN_TOKENS, was " + tokens);
        }
    }
}
