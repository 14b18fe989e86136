package org.baihua.formats;

import org.baihua.sdk.testkit.CollectingSink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.baihua.sdk.AdapterOptions;
import org.junit.jupiter.api.Test;

class CsvAdapterTest {

    private static CollectingSink read(String text, Map<String, String> options) throws Exception {
        CollectingSink sink = new CollectingSink();
        new CsvAdapter().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), new AdapterOptions(options), sink);
        return sink;
    }

    @Test
    void quotedFieldsSpanLinesAndLineNumbersPointAtTheRowStart() throws Exception {
        CollectingSink out = read("text,label\r\n\"first line\r\nsecond line\",a\r\nplain,b\r\n", Map.of());
        assertThat(out.records()).hasSize(2);
        assertThat(out.records().get(0).text("text")).isEqualTo("first line\r\nsecond line");
        assertThat(out.records().get(0).line()).isEqualTo(2);
        assertThat(out.records().get(1).line()).isEqualTo(4);
        assertThat(out.records().get(1).text("label")).isEqualTo("b");
    }

    @Test
    void guessesATabDelimiterInAFileNamedCsvAndSkipsTheByteOrderMark() throws Exception {
        CollectingSink out = read("\uFEFFType\tAir temperature [K]\nM\t298.1\nL\t\n", Map.of());
        assertThat(out.records()).extracting(r -> r.text("Type")).containsExactly("M", "L");
        assertThat(out.records().get(0).text("Air temperature [K]")).isEqualTo("298.1");
        assertThat(out.records().get(1).get("Air temperature [K]")).as("empty value is missing").isNull();
    }

    @Test
    void headerlessFilesTakeTheirColumnNamesFromTheOptions() throws Exception {
        CollectingSink out = read("A11 6 A34\nA12 48 A32\n", Map.of("header", "false", "delimiter", " ", "columns", "status,months,history"));
        assertThat(out.records()).hasSize(2);
        assertThat(out.records().get(1).values()).containsExactly(Map.entry("status", "A12"), Map.entry("months", "48"),
                Map.entry("history", "A32"));
        assertThatThrownBy(() -> read("1,2\n", Map.of("header", "false")))
                .hasMessageContaining("header=false needs option columns");
        assertThatThrownBy(() -> read("1,2\n", Map.of("header", "false", "columns", "a,a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("option columns must name each column once: 'a,a'");
        assertThatThrownBy(() -> read("1,2\n", Map.of("header", "false", "columns", "a,,b")))
                .hasMessageContaining("must name each column once");
    }

    @Test
    void aRowWithTheWrongNumberOfColumnsIsRejectedWithItsLine() throws Exception {
        CollectingSink out = read("a,b\n1,2\n3\n4,5,6\n7,8\n", Map.of());
        assertThat(out.records()).hasSize(2);
        assertThat(out.rejections()).containsExactly(new CollectingSink.Rejection(3, "has 1 columns, expected 2 (as in the header)"),
                new CollectingSink.Rejection(4, "has 3 columns, expected 2 (as in the header)"));
    }

    @Test
    void anUnterminatedQuoteRejectsTheRestWithTheLineWhereItStarted() throws Exception {
        CollectingSink out = read("a,b\n1,2\n\"open,3\n4,5\n", Map.of());
        assertThat(out.records()).hasSize(1);
        assertThat(out.rejections()).hasSize(1);
        assertThat(out.rejections().get(0).line()).isEqualTo(3);
        assertThat(out.rejections().get(0).reason()).startsWith("unreadable CSV from here on");
    }

    @Test
    void badFilesAndOptionsFailAsAWhole() {
        assertThatThrownBy(() -> read("", Map.of())).hasMessage("the file is empty");
        assertThatThrownBy(() -> read("a,a\n1,2\n", Map.of())).hasMessage("header names column 'a' twice");
        assertThatThrownBy(() -> read("a,b\n", Map.of("delimiter", ";;"))).hasMessageContaining("one character");
        assertThatThrownBy(() -> read("a,b\n", Map.of("header", "maybe"))).hasMessageContaining("option 'header' must be true or false");
    }
}
