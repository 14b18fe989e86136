package org.baihua.plugins.industrial;

import java.util.List;
import org.baihua.sdk.Activation;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.Domain;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.OptimizerSpec;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.baihua.sdk.ThresholdTuning;
import org.pf4j.Extension;

/** Predictive maintenance: machine failure, failure modes and maintenance work orders. Heads: see the README. */
@Extension
public final class IndustrialDomain implements Domain {

    static final String ID = "industrial";

    /**
     * The operating state of a machine: AI4I 2020's measurements plus the physics features that
     * {@code MachinePhysics} derives. The failure-mode flags, row ids and product ids are not inputs.
     */
    static final List<FieldSpec> MACHINE_INPUTS = List.of(
            FieldSpec.categorical("product_type", "product quality variant: L, M or H"),
            FieldSpec.numeric("air_temperature_k", "air temperature, kelvin"),
            FieldSpec.numeric("process_temperature_k", "process temperature, kelvin"),
            FieldSpec.numeric("rotational_speed_rpm", "rotational speed, rpm"),
            FieldSpec.numeric("torque_nm", "torque, Nm"),
            FieldSpec.numeric("tool_wear_min", "tool wear, minutes"),
            FieldSpec.numeric("temperature_difference_k", "process minus air temperature (derived)"),
            FieldSpec.numeric("power_w", "torque x angular speed, watts (derived)"),
            FieldSpec.numeric("overstrain_min_nm", "tool wear x torque (derived)"),
            FieldSpec.numeric("overstrain_ratio", "tool wear x torque over the product type's overstrain limit (derived)"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Industrial";
    }

    @Override
    public List<TaskSpec> tasks() {
        return List.of(
                new TaskSpec("machine-failure",
                        "Whether a machine fails in this operating state (failure-mode columns never used as inputs)",
                        TaskKind.BINARY, List.of("ok", "failure"),
                        MACHINE_INPUTS,
                        machineHead(ClassWeighting.balanced()),
                        Metric.F1,
                        new DecisionPolicy.Threshold("failure", 0.5, ThresholdTuning.maxF1())),
                new TaskSpec("failure-mode",
                        "Which failure modes occur: tool wear, heat dissipation, power, overstrain, random",
                        TaskKind.MULTILABEL, List.of("TWF", "HDF", "PWF", "OSF", "RNF"),
                        MACHINE_INPUTS,
                        machineHead(ClassWeighting.balanced()),
                        Metric.MACRO_F1,
                        new DecisionPolicy.Threshold(null, 0.5, null)),
                new TaskSpec("maintenance-log",
                        "Category of a maintenance work order; categories come from your data",
                        TaskKind.MULTICLASS, List.of(),
                        List.of(FieldSpec.text("text", "work order text, abbreviations expanded by the plugin"),
                                FieldSpec.categorical("asset_type", "kind of asset, if known")),
                        new HeadSpec(List.of(128), Activation.GELU, 0.2, ClassWeighting.none(), 0.05,
                                OptimizerSpec.adamW(1e-3, 1e-2)),
                        Metric.MACRO_F1, DecisionPolicy.argmax()));
    }

    /** Two layers: the failure rules are thresholds on products of inputs, which one linear layer cannot draw. */
    static HeadSpec machineHead(ClassWeighting weighting) {
        return new HeadSpec(List.of(64, 32), Activation.RELU, 0.1, weighting, 0, OptimizerSpec.adamW(1e-3, 1e-4));
    }
}
