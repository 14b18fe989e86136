package ${package};

import java.util.List;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.Domain;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.OptimizerSpec;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.pf4j.Extension;

/**
 * The domain and its one task: the category of a support ticket, from its text and the channel it
 * came through. The categories come from the user's data, so every help desk keeps its own.
 */
@Extension
public class TicketDomain implements Domain {

    /** The domain id: REST paths and model lineage use it, so never change it once released. */
    static final String ID = "${pluginId}";
    static final String CATEGORY = "category";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Support tickets";
    }

    @Override
    public List<TaskSpec> tasks() {
        return List.of(new TaskSpec(CATEGORY,
                "Category of a support ticket; categories come from your data",
                TaskKind.MULTICLASS, List.of(),
                List.of(FieldSpec.text("text", "subject and body of the ticket, boilerplate removed by the plugin"),
                        FieldSpec.categorical("channel", "where the ticket came in: email, chat, phone, web")),
                // Sentence embeddings separate topics almost linearly: a linear head is the default.
                HeadSpec.linear().withOptimizer(OptimizerSpec.adamW(1e-2, 1e-2)),
                Metric.MACRO_F1, DecisionPolicy.argmax()));
    }
}
