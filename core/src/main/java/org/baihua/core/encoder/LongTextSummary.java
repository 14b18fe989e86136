package org.baihua.core.encoder;

import java.util.Arrays;
import java.util.Objects;
import org.baihua.core.encoder.internal.Windows;

/**
 * What a training run did with long texts, for its summary: how many texts did not fit the
 * encoder's window and what was done with them.
 *
 * @param encoderId the encoder
 * @param window the encoder's window in tokens, special tokens included
 * @param strategy the strategy used ({@code truncate}, {@code chunk}, {@code head-tail})
 * @param reason why that strategy: requested, or chosen from the training texts' lengths
 * @param p90Tokens the 90th percentile length of the training texts, in tokens
 * @param texts texts embedded (training, validation and test)
 * @param longTexts of those, texts longer than the window
 * @param textsWithDroppedTokens of those, texts of which some tokens were not seen by the model
 *     (all long texts under truncate and head-tail; under chunk, texts longer than
 *     {@value org.baihua.core.encoder.internal.Windows#MAX_WINDOWS} windows)
 * @param action what was done, for people
 */
public record LongTextSummary(String encoderId, int window, String strategy, String reason, int p90Tokens, long texts,
                              long longTexts, long textsWithDroppedTokens, String action) {

    public LongTextSummary {
        Objects.requireNonNull(encoderId, "encoderId is null");
        Objects.requireNonNull(strategy, "strategy is null");
        Objects.requireNonNull(reason, "reason is null");
        Objects.requireNonNull(action, "action is null");
    }

    /** The strategy a task gets when it names none: chunk when the 90th percentile text does not fit the window. */
    public static LongText defaultStrategy(int p90Tokens, int window) {
        return p90Tokens > window ? LongText.CHUNK : LongText.TRUNCATE;
    }

    /** The 90th percentile (nearest rank) of token counts; 0 for none. */
    public static int p90(int[] tokenCounts) {
        if (tokenCounts.length == 0) {
            return 0;
        }
        int[] sorted = tokenCounts.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.9 * sorted.length) - 1];
    }

    /**
     * Summarises {@code tokenCounts} (every embedded text's length, special tokens included) under {@code strategy}.
     */
    public static LongTextSummary of(EncoderSpec encoder, LongText strategy, String reason, int p90Tokens,
                                     int[] tokenCounts) {
        int window = encoder.maxTokens();
        // Windows only needs the number of special tokens; BERT-style models have one on each side.
        Windows windows = new Windows(new long[1], new long[1], window);
        int chunkedLimit = windows.contentSize() + (Windows.MAX_WINDOWS - 1) * (windows.contentSize() - windows.overlap()) + 2;
        long longTexts = 0;
        long dropped = 0;
        for (int tokens : tokenCounts) {
            if (tokens > window) {
                longTexts++;
                if (strategy != LongText.CHUNK || tokens > chunkedLimit) {
                    dropped++;
                }
            }
        }
        int head = windows.contentSize() / 4;
        String action = longTexts == 0 ? "none: every text fits the window" : switch (strategy) {
            case TRUNCATE -> "truncated to their first " + window + " tokens";
            case CHUNK -> "split into overlapping windows of " + window + " tokens (overlap " + windows.overlap()
                    + ", at most " + Windows.MAX_WINDOWS + ") and averaged, weighted by tokens";
            case HEAD_TAIL -> "cut to their first " + head + " and last " + (windows.contentSize() - head) + " tokens";
        };
        return new LongTextSummary(encoder.id(), window, strategy.key(), reason, p90Tokens, tokenCounts.length, longTexts,
                dropped, action);
    }
}
