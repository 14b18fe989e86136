package org.baihua.core.encoder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.baihua.core.encoder.LongText;
import org.junit.jupiter.api.Test;

/** Windows are cut on token boundaries, overlap, carry the special tokens, and fit the model. */
class WindowsTest {

    private final Windows windows = new Windows(new long[] {101}, new long[] {102}, 10); // 8 content tokens

    @Test
    void aTextThatFitsIsOneWindowUnderEveryStrategy() {
        long[] ids = {1, 2, 3};
        for (LongText strategy : LongText.values()) {
            Windows.Split split = windows.split(ids, strategy);
            assertThat(split.windows()).hasSize(1);
            assertThat(split.windows().get(0)).containsExactly(101, 1, 2, 3, 102);
            assertThat(split.weights()).containsExactly(3);
            assertThat(split.tokens()).isEqualTo(5);
            assertThat(split.truncated()).isFalse();
        }
    }

    @Test
    void theEmptyTextIsTheEmptySentence() {
        Windows.Split split = windows.split(new long[0], LongText.CHUNK);
        assertThat(split.windows().get(0)).containsExactly(101, 102);
        assertThat(split.weights()).containsExactly(1);
    }

    @Test
    void chunksOverlapByAnEighthAndCoverTheWholeText() {
        long[] ids = LongStream.rangeClosed(1, 20).toArray(); // overlap 1, stride 7: 1-8, 8-15, 15-20
        Windows.Split split = windows.split(ids, LongText.CHUNK);
        assertThat(split.windows()).hasSize(3);
        assertThat(split.windows().get(0)).containsExactly(101, 1, 2, 3, 4, 5, 6, 7, 8, 102);
        assertThat(split.windows().get(1)).containsExactly(101, 8, 9, 10, 11, 12, 13, 14, 15, 102);
        assertThat(split.windows().get(2)).containsExactly(101, 15, 16, 17, 18, 19, 20, 102);
        assertThat(split.weights()).containsExactly(8, 8, 6);
        assertThat(split.tokens()).isEqualTo(22);
        assertThat(split.truncated()).isFalse();
    }

    @Test
    void truncationKeepsTheHeadAndHeadTailTheQuarterHeadAndTheTail() {
        long[] ids = LongStream.rangeClosed(1, 20).toArray();
        Windows.Split truncated = windows.split(ids, LongText.TRUNCATE);
        assertThat(truncated.windows().get(0)).containsExactly(101, 1, 2, 3, 4, 5, 6, 7, 8, 102);
        assertThat(truncated.truncated()).isTrue();
        Windows.Split headTail = windows.split(ids, LongText.HEAD_TAIL);
        assertThat(headTail.windows().get(0)).containsExactly(101, 1, 2, 15, 16, 17, 18, 19, 20, 102);
        assertThat(headTail.truncated()).isTrue();
    }

    @Test
    void chunkingStopsAfterSixteenWindowsAndSaysSo() {
        long[] ids = LongStream.rangeClosed(1, 7 * 20).toArray();
        Windows.Split split = windows.split(ids, LongText.CHUNK);
        assertThat(split.windows()).hasSize(Windows.MAX_WINDOWS);
        assertThat(split.truncated()).isTrue();
    }

    @Test
    void aWindowWithoutRoomForTextIsRejected() {
        assertThatThrownBy(() -> new Windows(new long[] {1}, new long[] {2}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no room");
    }

    @Test
    void strategiesParseFromTheirKeys() {
        assertThat(LongText.parse("head-tail")).isEqualTo(LongText.HEAD_TAIL);
        assertThat(LongText.parse(" Chunk ")).isEqualTo(LongText.CHUNK);
        assertThatThrownBy(() -> LongText.parse("middle")).hasMessageContaining("'truncate', 'chunk' or 'head-tail'");
    }
}
