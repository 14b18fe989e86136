package org.baihua.plugins.medical;

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

/** Clinical text and tabular risk tasks. */
@Extension
public final class MedicalDomain implements Domain {

    static final String ID = "medical";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Medical";
    }

    @Override
    public List<TaskSpec> tasks() {
        return List.of(
                new TaskSpec("condition",
                        "Condition class of a clinical text (abstract, note or report); labels come from your data",
                        TaskKind.MULTICLASS, List.of(),
                        List.of(FieldSpec.text("text", "clinical free text, de-identified before storage")),
                        HeadSpec.mlp(128).withClassWeighting(ClassWeighting.balanced()),
                        Metric.MACRO_F1, DecisionPolicy.argmax()),
                new TaskSpec("diabetes-risk",
                        "Onset of diabetes within five years from routine measurements",
                        TaskKind.BINARY, List.of("negative", "positive"),
                        List.of(
                                FieldSpec.numeric("pregnancies", "number of times pregnant"),
                                FieldSpec.numeric("glucose", "plasma glucose, mg/dL, 2 h oral glucose tolerance test"),
                                FieldSpec.numeric("blood_pressure", "diastolic blood pressure, mm Hg"),
                                FieldSpec.numeric("skin_thickness", "triceps skin fold thickness, mm"),
                                FieldSpec.numeric("insulin", "2-hour serum insulin, mu U/ml"),
                                FieldSpec.numeric("bmi", "body mass index, kg/m^2"),
                                FieldSpec.numeric("diabetes_pedigree", "diabetes pedigree function"),
                                FieldSpec.numeric("age", "age in years")),
                        HeadSpec.mlp(16).withClassWeighting(ClassWeighting.balanced()),
                        Metric.ROC_AUC,
                        new DecisionPolicy.Threshold("positive", 0.5, ThresholdTuning.maxF1())));
    }
}
