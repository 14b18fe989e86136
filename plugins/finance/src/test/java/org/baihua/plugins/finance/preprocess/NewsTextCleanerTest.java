package org.baihua.plugins.finance.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.baihua.plugins.finance.FinanceSamples;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NewsTextCleanerTest {

    private final NewsTextCleaner cleaner = new NewsTextCleaner();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$BYND - JPMorgan reels in expectations https://t.co/bd0xbFGjkT|$BYND - JPMorgan reels in expectations",
            "Stocks &amp; bonds rally &gt; 2% &#39;today&#39;|Stocks & bonds rally > 2% 'today'",
            "see www.example.com/x?y=1 for more|see for more",
            "AT&T beats; R&D up &unknown; &#x1F4C8;|AT&T beats; R&D up &unknown; \uD83D\uDCC8",
            "bad ref &#0; stays|bad ref &#0; stays",
            "zero\u200Bwidth\u0007 and   spaces\t\ttabs|zerowidth and spaces tabs"})
    void cleansLinksEntitiesAndInvisibleCharacters(String raw, String expected) {
        assertThat(NewsTextCleaner.clean(raw)).isEqualTo(expected);
    }

    @Test
    void multiLinePostsBecomeOneLine() {
        assertThat(NewsTextCleaner.clean("Fed holds rates\n\nMarkets \r\n calm")).isEqualTo("Fed holds rates Markets calm");
    }

    @Test
    void aPostThatIsOnlyALinkKeepsItsText() {
        assertThat(NewsTextCleaner.clean("  https://t.co/abc  ")).isEqualTo("https://t.co/abc");
    }

    @Test
    void transformsOnlyTheTextFieldAndAppliesOnlyToNewsSentiment() {
        DataRecord out = cleaner.transform(new DataRecord(9, Map.of("text", "Up &amp; away https://t.co/x",
                "label", "bullish")), FittedState.empty());
        assertThat(out).isEqualTo(new DataRecord(9, Map.of("text", "Up & away", "label", "bullish")));
        assertThat(cleaner.transform(DataRecord.of(Map.of("label", "neutral")), FittedState.empty()))
                .isEqualTo(DataRecord.of(Map.of("label", "neutral")));
        assertThat(cleaner.appliesTo("finance", "news-sentiment")).isTrue();
        assertThat(cleaner.appliesTo("finance", "fraud")).isFalse();
    }

    @Test
    void noPostOfTheShippedSampleEndsUpEmptyOrWithALink() throws IOException {
        int rows = 0;
        try (Reader reader = new InputStreamReader(new FinanceSamples().open("financial-news-sentiment"),
                StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                rows++;
                String cleaned = NewsTextCleaner.clean(row.get("text"));
                assertThat(cleaned).as("record %d", row.getRecordNumber()).isNotBlank();
                if (!row.get("text").trim().matches("https?://\\S+")) {
                    assertThat(cleaned).as("record %d", row.getRecordNumber()).doesNotContain("https://");
                }
                assertThat(cleaned).doesNotContain("\n");
            }
        }
        assertThat(rows).isEqualTo(9543);
    }
}
