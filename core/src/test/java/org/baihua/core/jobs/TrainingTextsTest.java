package org.baihua.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderConfig;
import org.baihua.core.encoder.LongText;
import org.baihua.core.training.TrainingParams;
import org.baihua.core.training.selection.ModelSelection;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.LongTextStrategy;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-text strategy a training run plans with (and the run uses, with the same choice): the request's, else the
 * task's, else the host's {@code encoder.long-text}, else chunk because most of these texts exceed MiniLM's 256 tokens.
 */
class TrainingTextsTest {

    private static final String MINILM = "all-minilm-l6-v2-q";

    private static final TaskSpec TASK = new TaskSpec("topic", "a task", TaskKind.MULTICLASS, List.of(),
            List.of(FieldSpec.text("text", "the text")), null, Metric.MACRO_F1, null);

    @TempDir
    Path dataDir;

    private static List<DataRecord> longRows() {
        List<DataRecord> rows = new ArrayList<>();
        String[] labels = {"pumps", "refunds", "hearts"};
        for (int i = 0; i < 30; i++) {
            String label = labels[i % 3];
            rows.add(new DataRecord(i + 2, Map.of("text", ("a note about " + label + " number " + i + ". ").repeat(50),
                    DataRecord.LABEL, label)));
        }
        return rows;
    }

    private static LongText plan(EncoderCatalog encoders, TaskSpec task, String requested) {
        return TrainingTexts.plan("ds-1", task, List.of(), longRows(), TrainingParams.defaults(), MINILM, requested, encoders,
                ModelSelection.Settings.defaults()).strategy();
    }

    @Test
    void requestThenTaskThenConfigThenTheTextsLengths() {
        try (EncoderCatalog encoders = new EncoderCatalog(dataDir, EncoderConfig.defaults())) {
            assertThat(plan(encoders, TASK, null)).as("p90 above the window").isEqualTo(LongText.CHUNK);
            assertThat(plan(encoders, TASK.withLongText(LongTextStrategy.TRUNCATE), null)).isEqualTo(LongText.TRUNCATE);
            assertThat(plan(encoders, TASK.withLongText(LongTextStrategy.TRUNCATE), "head-tail")).isEqualTo(LongText.HEAD_TAIL);
        }
        EncoderConfig headTail = EncoderConfig.from(new org.baihua.core.config.Settings(Map.of("encoder.long-text", "head-tail")));
        try (EncoderCatalog encoders = new EncoderCatalog(dataDir, headTail)) {
            assertThat(plan(encoders, TASK, null)).isEqualTo(LongText.HEAD_TAIL);
            assertThat(plan(encoders, TASK.withLongText(LongTextStrategy.CHUNK), null)).isEqualTo(LongText.CHUNK);
        }
    }
}
