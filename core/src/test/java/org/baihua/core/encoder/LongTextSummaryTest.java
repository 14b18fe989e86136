package org.baihua.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The job summary counts long texts and says what the strategy did with them; the default strategy follows the p90 length. */
class LongTextSummaryTest {

    @Test
    void chunkIsTheDefaultWhenTheNinetiethPercentileTextDoesNotFit() {
        int[] mostlyShort = {10, 20, 30, 40, 50, 60, 70, 80, 90, 600};
        assertThat(LongTextSummary.p90(mostlyShort)).isEqualTo(90);
        assertThat(LongTextSummary.defaultStrategy(LongTextSummary.p90(mostlyShort), 512)).isEqualTo(LongText.TRUNCATE);
        int[] mostlyLong = {100, 600, 600, 600, 600, 600, 600, 600, 600, 600};
        assertThat(LongTextSummary.defaultStrategy(LongTextSummary.p90(mostlyLong), 512)).isEqualTo(LongText.CHUNK);
        assertThat(LongTextSummary.p90(new int[0])).isZero();
    }

    @Test
    void countsLongTextsAndThoseWhoseTokensWereDropped() {
        int[] tokens = {12, 511, 512, 513, 2000, 20_000};
        LongTextSummary chunk = LongTextSummary.of(BundledEncoders.BGE_SMALL_EN, LongText.CHUNK, "requested", 2000, tokens);
        assertThat(chunk.texts()).isEqualTo(6);
        assertThat(chunk.longTexts()).isEqualTo(3);
        assertThat(chunk.textsWithDroppedTokens()).isEqualTo(1); // only 20,000 tokens exceed 16 windows
        assertThat(chunk.action()).contains("overlapping windows of 512 tokens");

        LongTextSummary truncate = LongTextSummary.of(BundledEncoders.BGE_SMALL_EN, LongText.TRUNCATE, "p90", 2000, tokens);
        assertThat(truncate.textsWithDroppedTokens()).isEqualTo(3);
        assertThat(truncate.action()).isEqualTo("truncated to their first 512 tokens");

        LongTextSummary none = LongTextSummary.of(BundledEncoders.MINILM, LongText.CHUNK, "p90", 12, new int[] {12});
        assertThat(none.longTexts()).isZero();
        assertThat(none.action()).startsWith("none");
    }
}
