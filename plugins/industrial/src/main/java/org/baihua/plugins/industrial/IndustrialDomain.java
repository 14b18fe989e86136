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
     * The encoder {@code maintenance-log} wants for English work orders: bge-small-en-v1.5 (fp32), the
     * stronger English encoder on the plugins' text tasks (README). A Chinese data set still gets the
     * host's Chinese encoder.
     */
    static final String WORK_ORDER_ENCODER = "bge-small-en-v15";

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
            FieldSpec.numeric("overstrain_ratio", "tool wear x torque over the product type's overstrain limit (derived)"),
            FieldSpec.numeric("power_outside_band_w", "how far the power lies outside the safe band 3,500-9,000 W, 0 inside (derived)"),
            FieldSpec.numeric("overstrain_excess_min_nm", "how far tool wear x torque exceeds the type's limit, 0 below (derived)"),
            FieldSpec.numeric("heat_dissipation_risk",
                    "1 when the temperature difference is below 8.6 K at under 1,380 rpm, else 0 (derived)"));

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
                        // what IndustrialHeads picks for AI4I: sqrt(ok / failure) = sqrt(28.5)
                        machineHead(ClassWeighting.explicit(java.util.Map.of("failure", 5.3))),
                        Metric.F1,
                        new DecisionPolicy.Threshold("failure", 0.5, ThresholdTuning.maxF1())),
                new TaskSpec("failure-mode",
                        "Which failure modes occur: tool wear, heat dissipation, power, overstrain, random",
                        TaskKind.MULTILABEL, List.of("TWF", "HDF", "PWF", "OSF", "RNF"),
                        MACHINE_INPUTS,
                        failureModeHead(),
                        Metric.MACRO_F1,
                        new DecisionPolicy.Threshold(null, 0.5, null)),
                new TaskSpec("maintenance-log",
                        "Category of a maintenance work order; categories come from your data",
                        TaskKind.MULTICLASS, List.of(),
                        List.of(FieldSpec.text("text", "work order text, abbreviations expanded by the plugin"),
                                FieldSpec.categorical("asset_type", "kind of asset, if known")),
                        new HeadSpec(List.of(128), Activation.GELU, 0.2, ClassWeighting.none(), 0.05,
                                OptimizerSpec.adamW(1e-3, 1e-2)),
                        Metric.MACRO_F1, DecisionPolicy.argmax()).withEncoder(WORK_ORDER_ENCODER));
    }

    /**
     * Two layers: the failure mechanisms are an OR of regions on products and differences of inputs.
     * Learning rate 3e-3: at 1e-3 early stopping (patience 5) often ended before the head had learnt
     * the rare failures (measured; see the README).
     */
    static HeadSpec machineHead(ClassWeighting weighting) {
        return new HeadSpec(List.of(64, 32), Activation.RELU, 0.1, weighting, 0, OptimizerSpec.adamW(3e-3, 1e-4));
    }

    /**
     * Unweighted: a multilabel decision takes every mode with P &ge; 0.5, so the probabilities must
     * stay calibrated (balanced weights made every rare mode look likely: precision 0.2). Learning
     * rate 1e-2 so that the rare modes are learnt before early stopping.
     */
    static HeadSpec failureModeHead() {
        return new HeadSpec(List.of(64, 32), Activation.RELU, 0.1, ClassWeighting.none(), 0, OptimizerSpec.adamW(1e-2, 1e-4));
    }
}
