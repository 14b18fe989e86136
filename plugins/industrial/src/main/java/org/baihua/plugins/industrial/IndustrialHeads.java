package org.baihua.plugins.industrial;

import java.util.List;
import org.baihua.sdk.Activation;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DataProfile;
import org.baihua.sdk.HeadDesigner;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.OptimizerSpec;
import org.baihua.sdk.TaskSpec;
import org.pf4j.Extension;

/**
 * Adapts the industrial heads to the data (reasons in the README):
 * <ul>
 *   <li>machine-failure: failures weigh the square root of ok/failure (about 5 on AI4I), up to
 *       {@value #FAILURE_WEIGHT_CAP}:1: enough for the rare class to drive the gradient, mild enough
 *       to keep the probabilities usable; the F1-tuned threshold then sets the operating point (fully
 *       balanced weights, 28:1 on AI4I, gave a lower and less stable F1);</li>
 *   <li>maintenance-log: the layer grows with the number of categories the plant uses (16 units per
 *       category, 64 to 256), and skewed categories get square-root weights, because a plant's own
 *       codes are rarely balanced and a rare category is often the costly one.</li>
 * </ul>
 * failure-mode keeps its default head.
 */
@Extension
public final class IndustrialHeads implements HeadDesigner {

    static final double FAILURE_WEIGHT_CAP = 50;
    /** Below this ratio of rarest to most common category, maintenance-log weights its classes. */
    static final double SKEW = 0.5;

    @Override
    public boolean appliesTo(String domainId, String taskId) {
        return IndustrialDomain.ID.equals(domainId) && List.of("machine-failure", "maintenance-log").contains(taskId);
    }

    @Override
    public HeadSpec design(TaskSpec task, DataProfile profile) {
        return switch (task.id()) {
            case "machine-failure" -> IndustrialDomain.machineHead(
                    ClassWeighting.relative(profile.labelCounts(), 0.5, FAILURE_WEIGHT_CAP));
            case "maintenance-log" -> {
                int width = Math.max(64, Math.min(256, 16 * profile.labelCounts().size()));
                ClassWeighting weighting = profile.imbalanceRatio() < SKEW
                        ? ClassWeighting.relative(profile.labelCounts(), 0.5, 10) : ClassWeighting.none();
                yield new HeadSpec(List.of(width), Activation.GELU, 0.2, weighting, 0.05, OptimizerSpec.adamW(1e-3, 1e-2));
            }
            default -> throw new IllegalArgumentException("industrial has no head designer for task '" + task.id() + "'");
        };
    }
}
