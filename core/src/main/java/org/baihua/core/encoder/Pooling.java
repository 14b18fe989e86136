package org.baihua.core.encoder;

import java.util.Locale;

/** How an encoder turns the model's per-token hidden states into one sentence vector. */
public enum Pooling {
    /** Mean of the hidden states over the attention mask (sentence-transformers models such as MiniLM). */
    MEAN,
    /** The hidden state of the first ([CLS]) token (BGE models). */
    CLS;

    /**
     * Parses {@code mean} or {@code cls}, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Pooling parse(String value) {
        if (value != null) {
            for (Pooling pooling : values()) {
                if (pooling.name().equalsIgnoreCase(value.trim())) {
                    return pooling;
                }
            }
        }
        throw new IllegalArgumentException("pooling must be 'mean' or 'cls', was '" + value + "'");
    }

    /** The lower-case name used in {@code encoder.json}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
