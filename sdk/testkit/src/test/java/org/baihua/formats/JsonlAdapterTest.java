package org.baihua.formats;

import org.baihua.sdk.testkit.CollectingSink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.baihua.sdk.AdapterOptions;
import org.junit.jupiter.api.Test;

class JsonlAdapterTest {

    @Test
    void readsFlatObjectsAndRejectsEverythingElseWithItsLine() throws Exception {
        String text = """
                {"text": "ok", "amount": 12.5, "labels": ["a", "b"], "flag": true, "gone": null}

                not json
                [1, 2]
                {"nested": {"a": 1}}
                {"text": "last"}
                """;
        CollectingSink out = new CollectingSink();
        new JsonlAdapter().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), AdapterOptions.none(), out);

        assertThat(out.records()).hasSize(2);
        assertThat(out.records().get(0).get("amount")).isEqualTo(12.5);
        assertThat(out.records().get(0).get("labels")).isEqualTo(List.of("a", "b"));
        assertThat(out.records().get(0).text("flag")).isEqualTo("true");
        assertThat(out.records().get(0).values()).doesNotContainKey("gone");
        assertThat(out.records().get(1).line()).isEqualTo(6);
        assertThat(out.rejections()).extracting(CollectingSink.Rejection::line).containsExactly(3L, 4L, 5L);
        assertThat(out.rejections().get(0).reason()).startsWith("not valid JSON");
        assertThat(out.rejections().get(1).reason()).isEqualTo("not a JSON object");
        assertThat(out.rejections().get(2).reason()).contains("'nested' is a nested object");
    }

    @Test
    void aLineLongerThanTheRecordLimitRefusesTheFileNamingTheLine() {
        String text = "{\"text\": \"ok\"}\n{\"text\": \"" + "z".repeat(BoundedRecords.MAX_RECORD_CHARS + 200_000) + "\"}\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JsonlAdapter().read(
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), AdapterOptions.none(), new CollectingSink()))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("line 2: a record is longer than 4194304 characters");
    }
}
