package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.LongTextStrategy;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/domains} shows what a task declares for its text fields: the encoder and the long-text strategy. */
class TaskViewTest {

    private static final TaskSpec TASK = new TaskSpec("condition", "a task", TaskKind.MULTICLASS, List.of(),
            List.of(FieldSpec.text("text", "the text")), null, Metric.MACRO_F1, null);

    @Test
    void showsTheDeclaredEncoderAndLongTextStrategyAsRequestsNameThem() {
        DomainRoutes.TaskView view = DomainRoutes.TaskView.of(TASK.withEncoder("bge-small-en-v15").withLongText(LongTextStrategy.HEAD_TAIL));

        assertThat(view.encoder()).isEqualTo("bge-small-en-v15");
        assertThat(view.longText()).isEqualTo("head-tail");
        assertThat(DomainRoutes.TaskView.of(TASK).longText()).as("left to the host").isNull();
    }
}
