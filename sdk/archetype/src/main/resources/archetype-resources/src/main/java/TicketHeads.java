package ${package};

import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DataProfile;
import org.baihua.sdk.HeadDesigner;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.OptimizerSpec;
import org.baihua.sdk.TaskSpec;
import org.pf4j.Extension;

/**
 * Chooses the head for the data a help desk brings: linear up to 5,000 tickets, one
 * hidden layer beyond (enough data to learn interactions without overfitting); balanced class
 * weights when the rarest category has less than half the tickets of the most common one.
 */
@Extension
public class TicketHeads implements HeadDesigner {

    static final long LARGE = 5_000;
    static final double UNEVEN = 0.5;

    @Override
    public boolean appliesTo(String domainId, String taskId) {
        return TicketDomain.ID.equals(domainId) && TicketDomain.CATEGORY.equals(taskId);
    }

    @Override
    public HeadSpec design(TaskSpec task, DataProfile profile) {
        HeadSpec head = profile.rows() < LARGE ? task.head() : HeadSpec.mlp(128).withOptimizer(OptimizerSpec.adamW(1e-3, 1e-2));
        return profile.imbalanceRatio() < UNEVEN ? head.withClassWeighting(ClassWeighting.balanced()) : head;
    }
}
