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

    private static CollectingSink readBytes(byte[] bytes, Map<String, String> options) throws Exception {
        CollectingSink sink = new CollectingSink();
        new CsvAdapter().read(new ByteArrayInputStream(bytes), new AdapterOptions(options), sink);
        return sink;
    }

    @Test
    void aFirstLineLongerThanTheLimitIsNamedAndALongOneWithinItIsRead() throws Exception {
        assertThatThrownBy(() -> read("x".repeat(CsvAdapter.MAX_FIRST_LINE + 1) + "\n1\n", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1 is longer than 1048576 characters");
        String wide = "c".repeat(70_000);
        CollectingSink out = read(wide + ",label\nv,a\n", Map.of());
        assertThat(out.records()).hasSize(1);
        assertThat(out.records().get(0).text(wide)).isEqualTo("v");
    }

    @Test
    void malformedUtf8RefusesTheFileWithLineAndByteOffsetUnlessAnEncodingIsNamed() throws Exception {
        byte[] latin1 = "text,label\ncaf\u00e9,a\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> readBytes(latin1, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2, byte offset 14: malformed UTF-8").hasMessageContaining("option.encoding");
        assertThat(readBytes(latin1, Map.of("encoding", "ISO-8859-1")).records().get(0).text("text")).isEqualTo("caf\u00e9");
        byte[] gb = "text,label\n\u80f8\u75db,a\n".getBytes(java.nio.charset.Charset.forName("GB18030"));
        assertThat(readBytes(gb, Map.of("encoding", "GB18030")).records().get(0).text("text")).isEqualTo("\u80f8\u75db");
        assertThat(read("text,label\n\u80f8\u75db \ud83d\ude00,a\n", Map.of()).records().get(0).text("text"))
                .isEqualTo("\u80f8\u75db \ud83d\ude00");
        assertThatThrownBy(() -> readBytes("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), Map.of("encoding", "klingon")))
                .hasMessageContaining("not a known character set");
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
    void anUnterminatedQuoteInALargeFileStopsAtTheRecordLimitInsteadOfReadingTheRestIntoOneValue() throws Exception {
        int longest = BoundedRecords.MAX_RECORD_CHARS;
        String rest = "x,1\n".repeat(longest / 4 + 500_000);
        CollectingSink out = read("a,b\n1,2\n\"open,3\n" + rest, Map.of());
        assertThat(out.records()).hasSize(1);
        assertThat(out.rejections()).hasSize(1);
        assertThat(out.rejections().get(0).line()).isEqualTo(3);
        assertThat(out.rejections().get(0).reason()).contains("longer than " + longest + " characters");
        // a long record within the limit is read
        String text = "y".repeat(longest / 2);
        assertThat(read("a,b\n\"" + text + "\",2\n3,4\n", Map.of()).records().get(0).text("a")).hasSize(longest / 2);
    }

    @Test
    void badFilesAndOptionsFailAsAWhole() {
        assertThatThrownBy(() -> read("", Map.of())).hasMessage("the file is empty");
        assertThatThrownBy(() -> read("a,a\n1,2\n", Map.of())).hasMessage("header names column 'a' twice");
        assertThatThrownBy(() -> read("a,b\n", Map.of("delimiter", ";;"))).hasMessageContaining("one character");
        assertThatThrownBy(() -> read("a,b\n", Map.of("header", "maybe"))).hasMessageContaining("option 'header' must be true or false");
    }
}
