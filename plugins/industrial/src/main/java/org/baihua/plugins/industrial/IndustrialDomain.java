package org.baihua.plugins.industrial;

import java.util.List;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.Domain;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.baihua.sdk.ThresholdTuning;
import org.pf4j.Extension;

/** Predictive maintenance: machine failure, failure modes and maintenance work orders. */
@Extension
public final class IndustrialDomain implements Domain {

    static final String ID = "industrial";

    private static final List<FieldSpec> MACHINE_INPUTS = List.of(
            FieldSpec.categorical("product_type", "product quality variant: L, M or H"),
            FieldSpec.numeric("air_temperature_k", "air temperature, kelvin"),
            FieldSpec.numeric("process_temperature_k", "process temperature, kelvin"),
            FieldSpec.numeric("rotational_speed_rpm", "rotational speed, rpm"),
            FieldSpec.numeric("torque_nm", "torque, Nm"),
            FieldSpec.numeric("tool_wear_min", "tool wear, minutes"),
            FieldSpec.numeric("temperature_difference_k", "process minus air temperature (derived)"),
            FieldSpec.numeric("power_w", "torque x angular speed, watts (derived)"),
            FieldSpec.numeric("overstrain_min_nm", "tool wear x torque (derived)"));

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
                        HeadSpec.mlp(64, 32).withClassWeighting(ClassWeighting.balanced()),
                        Metric.F1,
                        new DecisionPolicy.Threshold("failure", 0.5, ThresholdTuning.maxF1())),
                new TaskSpec("failure-mode",
                        "Which failure modes occur: tool wear, heat dissipation, power, overstrain, random",
                        TaskKind.MULTILABEL, List.of("TWF", "HDF", "PWF", "OSF", "RNF"),
                        MACHINE_INPUTS,
                        HeadSpec.mlp(64, 32),
                        Metric.MACRO_F1,
                        new DecisionPolicy.Threshold(null, 0.5, null)),
                new TaskSpec("maintenance-log",
                        "Category of a maintenance work order; categories come from your data",
                        TaskKind.MULTICLASS, List.of(),
                        List.of(FieldSpec.text("text", "work order text, abbreviations expanded by the plugin"),
                                FieldSpec.categorical("asset_type", "kind of asset, if known")),
                        HeadSpec.mlp(64),
                        Metric.MACRO_F1, DecisionPolicy.argmax()));
    }
}
