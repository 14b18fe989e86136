package org.baihua.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.baihua.sdk.AdapterOptions;
import org.junit.jupiter.api.Test;

/** The kit's copies of the host's csv and jsonl rules, which samples are read with. */
class HostFormatsTest {

    private static CollectingSink read(org.baihua.sdk.DataAdapter adapter, String text, Map<String, String> options) throws IOException {
        CollectingSink sink = new CollectingSink();
        adapter.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), new AdapterOptions(options), sink);
        return sink;
    }

    @Test
    void csvGuessesTheDelimiterAndRejectsRowsOfTheWrongWidth() throws IOException {
        CollectingSink sink = read(new HostCsv(), "\uFEFFa;b\n1; x \n2\n\n3;\"multi\nline\"\n", Map.of());

        assertThat(sink.accepted).extracting(r -> r.values()).containsExactly(Map.of("a", "1", "b", "x"), Map.of("a", "3", "b", "multi\nline"));
        assertThat(sink.rejected).containsExactly(new CollectingSink.Rejection(3, "has 1 columns, expected 2"));
    }

    @Test
    void csvWithoutHeaderNeedsColumns() throws IOException {
        assertThat(read(new HostCsv(), "6,148\n", Map.of("header", "false", "columns", "pregnancies,glucose")).accepted.get(0).values())
                .containsEntry("glucose", "148");
        assertThatThrownBy(() -> read(new HostCsv(), "6,148\n", Map.of("header", "false")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("columns=");
        assertThatThrownBy(() -> read(new HostCsv(), "a,a\n1,2\n", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("named twice: 'a'");
    }

    @Test
    void jsonlReadsFlatObjectsAndRejectsTheRest() throws IOException {
        CollectingSink sink = read(new HostJsonl(), "{\"text\":\"a\",\"n\":2,\"labels\":[\"x\",\"y\"],\"gone\":null}\n\n[1]\n{\"o\":{\"p\":1}}\nnope\n",
                Map.of());

        assertThat(sink.accepted).singleElement().satisfies(r -> assertThat(r.values())
                .isEqualTo(Map.of("text", "a", "n", 2.0, "labels", List.of("x", "y"))));
        assertThat(sink.rejected).extracting(CollectingSink.Rejection::line).containsExactly(3L, 4L, 5L);
    }
}
