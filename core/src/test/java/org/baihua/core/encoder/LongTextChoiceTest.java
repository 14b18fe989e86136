package org.baihua.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.baihua.sdk.LongTextStrategy;
import org.junit.jupiter.api.Test;

/** Request, then task, then {@code encoder.long-text}, then the training texts' lengths choose the long-text strategy. */
class LongTextChoiceTest {

    @Test
    void theRequestComesFirst() {
        assertThat(LongTextChoice.choose("truncate", "condition", LongTextStrategy.HEAD_TAIL, LongText.CHUNK, 900, 512))
                .isEqualTo(new LongTextChoice(LongText.TRUNCATE, "named in the request"));
    }

    @Test
    void thenTheTasksDeclaration() {
        assertThat(LongTextChoice.choose(null, "condition", LongTextStrategy.HEAD_TAIL, LongText.TRUNCATE, 900, 512))
                .isEqualTo(new LongTextChoice(LongText.HEAD_TAIL, "declared by task 'condition'"));
        assertThat(LongTextChoice.choose(null, "condition", LongTextStrategy.TRUNCATE, null, 900, 512).strategy())
                .as("even where the lengths would say chunk").isEqualTo(LongText.TRUNCATE);
    }

    @Test
    void thenTheHostsSetting() {
        assertThat(LongTextChoice.choose(null, "condition", null, LongText.HEAD_TAIL, 10, 512))
                .isEqualTo(new LongTextChoice(LongText.HEAD_TAIL, "encoder.long-text is head-tail on this host"));
    }

    @Test
    void elseChunkWhenTheNinetiethPercentileTextDoesNotFit() {
        assertThat(LongTextChoice.choose(null, "condition", null, null, 600, 512))
                .isEqualTo(new LongTextChoice(LongText.CHUNK, "90th percentile text has 600 tokens, the window 512"));
        assertThat(LongTextChoice.choose(null, "condition", null, null, 512, 512).strategy()).isEqualTo(LongText.TRUNCATE);
    }

    @Test
    void aRequestedStrategyThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> LongTextChoice.choose("middle", "condition", null, null, 10, 512))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'truncate', 'chunk' or 'head-tail'");
    }
}
