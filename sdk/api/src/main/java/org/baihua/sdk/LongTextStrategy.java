package org.baihua.sdk;

import java.util.Locale;

/**
 * What the host's encoder does with a text longer than its window (for example 512 tokens), when a
 * task declares it with {@link TaskSpec#withLongText}. A text that fits is embedded the same way
 * under every strategy. A training request may still name another.
 */
public enum LongTextStrategy {
    /** Keep the first tokens that fit, drop the rest: cheapest, right when the start says it all. */
    TRUNCATE,
    /**
     * Split the text into overlapping windows on token boundaries and take the mean of the window
     * vectors, weighted by tokens: every part counts, at one encoder run per window.
     */
    CHUNK,
    /** One window of the text's first quarter-window of tokens followed by its last tokens; the middle is dropped. */
    HEAD_TAIL;

    /** The name used in requests and by the host: {@code truncate}, {@code chunk}, {@code head-tail}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
