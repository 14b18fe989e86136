package org.baihua.core.encoder;

import java.util.Objects;
import org.baihua.sdk.LongTextStrategy;

/**
 * The long-text strategy a training run uses, and why: the one the request names; else the one
 * the task declares ({@link org.baihua.sdk.TaskSpec#longText()}); else the host's
 * {@code encoder.long-text}; else chunk when the training texts' 90th percentile length exceeds the
 * encoder's window, truncate otherwise.
 *
 * @param strategy the chosen strategy
 * @param reason why, for the version's {@code metrics.longTexts.reason}
 */
public record LongTextChoice(LongText strategy, String reason) {

    public LongTextChoice {
        Objects.requireNonNull(strategy, "strategy is null");
        Objects.requireNonNull(reason, "reason is null");
    }

    /**
     * Chooses the strategy.
     *
     * @param requested the request's {@code longText}, or null
     * @param taskId the task, for the reason
     * @param declared the task's declared strategy, or null
     * @param configured the host's {@code encoder.long-text}, or null for {@code auto}
     * @param p90Tokens the training texts' 90th percentile length in tokens
     * @param window the encoder's window in tokens
     * @throws IllegalArgumentException if {@code requested} is not a strategy
     */
    public static LongTextChoice choose(String requested, String taskId, LongTextStrategy declared, LongText configured,
                                        int p90Tokens, int window) {
        if (requested != null) {
            return new LongTextChoice(LongText.parse(requested), "named in the request");
        }
        if (declared != null) {
            return new LongTextChoice(LongText.parse(declared.key()), "declared by task '" + taskId + "'");
        }
        if (configured != null) {
            return new LongTextChoice(configured, "encoder.long-text is " + configured.key() + " on this host");
        }
        return new LongTextChoice(LongTextSummary.defaultStrategy(p90Tokens, window),
                "90th percentile text has " + p90Tokens + " tokens, the window " + window);
    }
}
