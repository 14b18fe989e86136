package org.baihua.sdk.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.baihua.sdk.ThresholdTuning;

/**
 * What the SDK's records cannot check on their own: that a task's fields, labels, decision policy,
 * metric and head fit together for its kind. Each method returns the problems found, empty when
 * there are none, each naming the task and the value at fault.
 */
final class TaskRules {

    /** The field the host stores a record's label under at ingest (the host's mapping key too). */
    static final String LABEL = "label";
    /** Characters that the ingest mapping ({@code text=col,label=col}) and indicator syntax ({@code A+B}) use. */
    private static final Pattern MAPPING_UNSAFE = Pattern.compile("[\\s,=:+|]");

    private TaskRules() {}

    static List<String> fields(TaskSpec task) {
        List<String> problems = new ArrayList<>();
        if (task.description().isBlank()) {
            problems.add("task '" + task.id() + "' has no description (people read it in GET /api/v1/domains)");
        }
        for (FieldSpec field : task.inputs()) {
            if (field.name().equals(LABEL)) {
                problems.add("task '" + task.id() + "': field 'label' clashes with the label the host adds at ingest; rename it");
            } else if (MAPPING_UNSAFE.matcher(field.name()).find()) {
                problems.add("task '" + task.id() + "': field name '" + field.name()
                        + "' cannot be named in an ingest mapping; avoid spaces and , = : + |");
            }
            if (field.description().isBlank()) {
                problems.add("task '" + task.id() + "': field '" + field.name() + "' (" + lower(field.type()) + ") has no description");
            }
        }
        return problems;
    }

    static List<String> labels(TaskSpec task) {
        List<String> problems = new ArrayList<>();
        List<String> labels = task.labels();
        if (!labels.isEmpty()) {
            if (task.kind() == TaskKind.MULTICLASS && labels.size() < 3) {
                problems.add("multiclass task '" + task.id() + "' has " + labels.size() + " labels " + labels
                        + "; a multiclass task has 3 or more (declare a two-label task BINARY)");
            }
            if (task.kind() == TaskKind.MULTILABEL && labels.size() < 2) {
                problems.add("multilabel task '" + task.id() + "' has " + labels.size() + " label; it needs 2 or more");
            }
        }
        for (String label : labels) {
            if (label == null || label.isBlank() || !label.equals(label.strip())) {
                problems.add("task '" + task.id() + "' has a blank label or one with surrounding spaces: '" + label + "'");
            } else if (label.contains(",") || label.contains("|")) {
                problems.add("task '" + task.id() + "': label '" + label + "' contains , or |, which ingest uses to separate labels");
            }
        }
        return problems;
    }

    static List<String> policyAndMetric(TaskSpec task) {
        List<String> problems = new ArrayList<>();
        String what = lower(task.kind()) + " task '" + task.id() + "'";
        DecisionPolicy policy = task.decisionPolicy();
        if (policy instanceof DecisionPolicy.TopK topK) {
            if (task.kind() != TaskKind.MULTILABEL) {
                problems.add(what + " uses TopK, which is for multilabel tasks only");
            } else if (!task.labelsFromData() && topK.k() > task.labels().size()) {
                problems.add(what + " uses TopK(" + topK.k() + ") but has only " + task.labels().size() + " labels");
            }
        } else if (policy instanceof DecisionPolicy.Threshold threshold) {
            thresholdProblems(task, what, threshold, problems);
        } else if (policy instanceof DecisionPolicy.MinimumCost cost) {
            if (task.kind() == TaskKind.MULTILABEL) {
                problems.add(what + " uses MinimumCost, which chooses one label: binary or multiclass tasks only");
            }
            if (cost.costs().isEmpty()) {
                problems.add(what + " uses MinimumCost with an empty cost matrix");
            }
            cost.costs().forEach((actual, row) -> {
                unknownLabel(task, what, "cost matrix", actual, problems);
                row.keySet().forEach(predicted -> unknownLabel(task, what, "cost matrix", predicted, problems));
            });
        }
        if (task.primaryMetric() == Metric.F1 && task.kind() != TaskKind.BINARY) {
            problems.add(what + " uses F1, the positive class's F1 of a binary task; use MACRO_F1");
        }
        if (task.primaryMetric() == Metric.EXPECTED_COST && !(task.decisionPolicy() instanceof DecisionPolicy.MinimumCost)) {
            problems.add(what + " uses EXPECTED_COST without a MinimumCost decision policy to take the costs from");
        }
        return problems;
    }

    private static void thresholdProblems(TaskSpec task, String what, DecisionPolicy.Threshold threshold, List<String> problems) {
        if (task.kind() == TaskKind.MULTICLASS) {
            problems.add(what + " uses a Threshold, which is for binary and multilabel tasks; use Argmax or MinimumCost");
        }
        if (task.kind() == TaskKind.BINARY && threshold.positiveLabel() == null) {
            problems.add(what + " uses a Threshold without a positive label");
        }
        if (threshold.positiveLabel() != null) {
            unknownLabel(task, what, "Threshold positive label", threshold.positiveLabel(), problems);
        }
        if (threshold.tuning().objective() != ThresholdTuning.Objective.NONE && task.kind() != TaskKind.BINARY) {
            problems.add(what + " tunes its threshold (" + threshold.tuning().objective() + "), which training does for binary tasks only");
        }
    }

    static List<String> head(TaskSpec task, HeadSpec head, String whose) {
        List<String> problems = new ArrayList<>();
        String what = whose + " of " + lower(task.kind()) + " task '" + task.id() + "'";
        if (head == null) {
            problems.add(what + " is null");
            return problems;
        }
        if (task.kind() == TaskKind.MULTILABEL && head.labelSmoothing() > 0) {
            problems.add(what + " sets label smoothing " + head.labelSmoothing()
                    + ", which applies to softmax; a multilabel head has one sigmoid per label");
        }
        if (head.classWeighting().mode() == ClassWeighting.Mode.EXPLICIT) {
            if (head.classWeighting().weights().isEmpty()) {
                problems.add(what + " has EXPLICIT class weighting without weights; use none()");
            }
            head.classWeighting().weights().keySet().forEach(label -> unknownLabel(task, what, "class weight", label, problems));
        }
        return problems;
    }

    private static void unknownLabel(TaskSpec task, String what, String where, String label, List<String> problems) {
        if (!task.labelsFromData() && !task.labels().contains(label)) {
            problems.add(what + ": " + where + " names '" + label + "', which is not one of its labels " + task.labels());
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
