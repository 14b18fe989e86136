package org.baihua.core.encoder.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.baihua.core.encoder.LongText;

/**
 * Cuts a tokenised text into the model inputs a long-text strategy asks for. Windows are cut on
 * token boundaries of the text's content (special tokens excluded) and each gets the model's
 * special tokens around it again, so every window is a well-formed input of at most the window size.
 */
public final class Windows {

    /** Most windows one text is split into; the rest of a longer text is dropped (and reported as truncated). */
    public static final int MAX_WINDOWS = 16;

    private final long[] prefix;
    private final long[] suffix;
    private final int content;

    /** One text's model inputs, their pooling weights (content tokens) and whether tokens were dropped. */
    public record Split(List<long[]> windows, int[] weights, int tokens, boolean truncated) {}

    /**
     * @param prefix the special tokens before a text ([CLS])
     * @param suffix the special tokens after a text ([SEP])
     * @param maxTokens the model's window, special tokens included
     */
    public Windows(long[] prefix, long[] suffix, int maxTokens) {
        this.prefix = prefix.clone();
        this.suffix = suffix.clone();
        this.content = maxTokens - prefix.length - suffix.length;
        if (content < 1) {
            throw new IllegalArgumentException("a window of " + maxTokens + " tokens leaves no room for text");
        }
    }

    /** Content tokens per window. */
    public int contentSize() {
        return content;
    }

    /** Tokens shared by neighbouring windows under {@link LongText#CHUNK}: an eighth of a window. */
    public int overlap() {
        return content / 8;
    }

    /**
     * Splits {@code ids} (the text's content tokens, without special tokens).
     * {@code tokens} of the result counts the whole text with its special tokens.
     */
    public Split split(long[] ids, LongText strategy) {
        int tokens = ids.length + prefix.length + suffix.length;
        if (ids.length <= content) {
            return new Split(List.of(wrap(ids, 0, ids.length)), new int[] {Math.max(ids.length, 1)}, tokens, false);
        }
        return switch (strategy) {
            case TRUNCATE -> new Split(List.of(wrap(ids, 0, content)), new int[] {content}, tokens, true);
            case HEAD_TAIL -> {
                int head = content / 4;
                int tail = content - head;
                long[] joined = new long[content];
                System.arraycopy(ids, 0, joined, 0, head);
                System.arraycopy(ids, ids.length - tail, joined, head, tail);
                yield new Split(List.of(wrap(joined, 0, content)), new int[] {content}, tokens, true);
            }
            case CHUNK -> chunks(ids, tokens);
        };
    }

    private Split chunks(long[] ids, int tokens) {
        int stride = content - overlap();
        List<long[]> windows = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        int start = 0;
        int end = 0;
        while (windows.size() < MAX_WINDOWS && end < ids.length) {
            end = Math.min(start + content, ids.length);
            windows.add(wrap(ids, start, end));
            weights.add(end - start);
            start += stride;
        }
        boolean truncated = end < ids.length;
        return new Split(List.copyOf(windows), weights.stream().mapToInt(Integer::intValue).toArray(), tokens, truncated);
    }

    private long[] wrap(long[] ids, int from, int to) {
        long[] window = new long[prefix.length + (to - from) + suffix.length];
        System.arraycopy(prefix, 0, window, 0, prefix.length);
        System.arraycopy(ids, from, window, prefix.length, to - from);
        System.arraycopy(suffix, 0, window, prefix.length + to - from, suffix.length);
        return window;
    }

    @Override
    public String toString() {
        return "Windows[prefix=" + Arrays.toString(prefix) + ", suffix=" + Arrays.toString(suffix) + ", content=" + content + "]";
    }
}
