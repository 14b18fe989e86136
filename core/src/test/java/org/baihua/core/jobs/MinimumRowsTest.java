package org.baihua.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;

/** Too little data is refused with the counts and the number to reach; small held-out splits are named in the metrics. */
class MinimumRowsTest {

    private static DatasetInfo dataset(Map<String, Long> counts) {
        return new DatasetInfo("ds-1", "clauses", "legal", "clause-type", "csv", "h", counts.values().stream().mapToLong(Long::longValue).sum(),
                counts, 0, "s", Instant.EPOCH, "admin", "en");
    }

    private static TaskSpec task(TaskKind kind, List<String> labels) {
        return new TaskSpec("clause-type", "the type of a clause", kind, labels, List.of(FieldSpec.text("clause", "the clause")),
                HeadSpec.linear(), kind == TaskKind.BINARY ? Metric.ROC_AUC : Metric.MACRO_F1, null);
    }

    @Test
    void eightRowsAreRefusedNamingEveryShortLabelAndTheMinimum() {
        TaskSpec task = task(TaskKind.MULTICLASS, List.of("liability", "payment", "termination"));
        assertThatThrownBy(() -> MinimumRows.check(task, dataset(Map.of("liability", 4L, "payment", 2L, "termination", 12L))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("dataset"))
                .hasMessageContaining("every label needs at least 5 rows, and 'liability' has 4, 'payment' has 2")
                .hasMessageContaining("{liability=4, payment=2, termination=12}").hasMessageContaining("ingest more rows of those labels");
    }

    @Test
    void fiveRowsOfEveryLabelAreEnoughAndMultilabelSetsAreNotRefusedForARareLabel() {
        assertThatCode(() -> MinimumRows.check(task(TaskKind.BINARY, List.of("no", "yes")), dataset(Map.of("no", 5L, "yes", 9L))))
                .doesNotThrowAnyException();
        assertThatCode(() -> MinimumRows.check(task(TaskKind.MULTILABEL, List.of("a", "b", "c")), dataset(Map.of("a", 40L, "b", 1L))))
                .doesNotThrowAnyException();
    }

    @Test
    void smallOrMissingHeldOutSplitsAreNamedAsWarnings() {
        assertThat(TrainingRun.smallDataWarnings(30, 30, false)).isEmpty();
        assertThat(TrainingRun.smallDataWarnings(4, 4, false)).containsExactly("the test split has only 4 examples (fewer than 30):"
                + " its metrics are a rough estimate; ingest more rows for a reliable one");
        assertThat(TrainingRun.smallDataWarnings(0, 10, false)).hasSize(1).allMatch(w -> w.contains("no test metrics"));
        assertThat(TrainingRun.smallDataWarnings(0, 0, false)).hasSize(2).anyMatch(w -> w.contains("measured on the training rows"));
    }
}
