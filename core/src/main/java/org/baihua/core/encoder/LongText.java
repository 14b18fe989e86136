package org.baihua.core.encoder;

import java.util.Locale;

/**
 * What an encoder does with a text longer than its window ({@code maxTokens}). A text that fits is
 * embedded the same way under every strategy.
 */
public enum LongText {
    /** Keep the first tokens that fit, drop the rest. */
    TRUNCATE,
    /**
     * Split the text into overlapping windows on token boundaries and take the mean of the window
     * vectors, each weighted by its number of tokens (then scaled to unit length).
     */
    CHUNK,
    /** One window of the text's first quarter-window of tokens followed by its last tokens; the middle is dropped. */
    HEAD_TAIL;

    /**
     * Parses {@code truncate}, {@code chunk} or {@code head-tail}, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static LongText parse(String value) {
        if (value != null) {
            for (LongText strategy : values()) {
                if (strategy.key().equalsIgnoreCase(value.trim())) {
                    return strategy;
                }
            }
        }
        throw new IllegalArgumentException("longText must be 'truncate', 'chunk' or 'head-tail', was '" + value + "'");
    }

    /** The name used in requests, pipelines and cache keys: {@code truncate}, {@code chunk}, {@code head-tail}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
