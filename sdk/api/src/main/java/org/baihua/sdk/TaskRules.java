package org.baihua.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes a task's parts fit together for its kind: field names usable in an ingest mapping,
 * labels, decision policy, metric and head. The records' constructors enforce these rules, so that
 * a plugin that never ran the test kit fails when the host installs it, with the same reasons the
 * kit gives. Each method returns the problems found, empty when there are none, each naming the
 * task and the value at fault.
 */
final class TaskRules {

    /** Characters that the ingest mapping ({@code text=col,label=col}) and indicator syntax ({@code A+B}) use. */
    private static final Pattern MAPPING_UNSAFE = Pattern.compile("[\\s,=:+|]");

    private TaskRules() {}

    /** Problems with a field name; the field is not yet part of a task. */
    static List<String> fieldName(String name) {
        List<String> problems = new ArrayList<>();
        if (name.equals(DataRecord.LABEL)) {
            problems.add("field '" + DataRecord.LABEL + "' clashes with the label the host adds at ingest; rename it");
        } else if (MAPPING_UNSAFE.matcher(name).find()) {
            problems.add("field name '" + name + "' cannot be named in an ingest mapping; avoid spaces and , = : + |");
        }
        return problems;
    }

    static List<String> labels(String id, TaskKind kind, List<String> labels) {
        List<String> problems = new ArrayList<>();
        if (!labels.isEmpty()) {
            if (kind == TaskKind.MULTICLASS && labels.size() < 3) {
                problems.add("multiclass task '" + id + "' has " + labels.size() + " labels " + labels
                        + "; a multiclass task has 3 or more (declare a two-label task BINARY)");
            }
            if (kind == TaskKind.MULTILABEL && labels.size() < 2) {
                problems.add("multilabel task '" + id + "' has " + labels.size() + " label; it needs 2 or more");
            }
        }
        for (String label : labels) {
            if (label == null || label.isBlank() || !label.equals(label.strip())) {
                problems.add("task '" + id + "' has a blank label or one with surrounding spaces: '" + label + "'");
            } else if (label.contains(",") || label.contains("|")) {
                problems.add("task '" + id + "': label '" + label + "' contains , or |, which ingest uses to separate labels");
            }
        }
        return problems;
    }

    static List<String> policyAndMetric(String id, TaskKind kind, List<String> labels, Metric metric, DecisionPolicy policy) {
        List<String> problems = new ArrayList<>();
        String what = lower(kind) + " task '" + id + "'";
        if (policy instanceof DecisionPolicy.TopK topK) {
            if (kind != TaskKind.MULTILABEL) {
                problems.add(what + " uses TopK, which is for multilabel tasks only");
            } else if (!labels.isEmpty() && topK.k() > labels.size()) {
                problems.add(what + " uses TopK(" + topK.k() + ") but has only " + labels.size() + " labels");
            }
        } else if (policy instanceof DecisionPolicy.Threshold threshold) {
            thresholdProblems(what, kind, labels, threshold, problems);
        } else if (policy instanceof DecisionPolicy.MinimumCost cost) {
            if (kind == TaskKind.MULTILABEL) {
                problems.add(what + " uses MinimumCost, which chooses one label: binary or multiclass tasks only");
            }
            if (cost.costs().isEmpty()) {
                problems.add(what + " uses MinimumCost with an empty cost matrix");
            }
            cost.costs().forEach((actual, row) -> {
                unknownLabel(labels, what, "cost matrix", actual, problems);
                row.keySet().forEach(predicted -> unknownLabel(labels, what, "cost matrix", predicted, problems));
            });
        }
        if (metric == Metric.F1 && kind != TaskKind.BINARY) {
            problems.add(what + " uses F1, the positive class's F1 of a binary task; use MACRO_F1");
        }
        if (metric == Metric.EXPECTED_COST && !(policy instanceof DecisionPolicy.MinimumCost)) {
            problems.add(what + " uses EXPECTED_COST without a MinimumCost decision policy to take the costs from");
        }
        return problems;
    }

    private static void thresholdProblems(String what, TaskKind kind, List<String> labels, DecisionPolicy.Threshold threshold,
                                          List<String> problems) {
        if (kind == TaskKind.MULTICLASS) {
            problems.add(what + " uses a Threshold, which is for binary and multilabel tasks; use Argmax or MinimumCost");
        }
        if (kind == TaskKind.BINARY && threshold.positiveLabel() == null) {
            problems.add(what + " uses a Threshold without a positive label");
        }
        if (threshold.positiveLabel() != null) {
            unknownLabel(labels, what, "Threshold positive label", threshold.positiveLabel(), problems);
        }
        if (threshold.tuning().objective() != ThresholdTuning.Objective.NONE && kind != TaskKind.BINARY) {
            problems.add(what + " tunes its threshold (" + threshold.tuning().objective() + "), which training does for binary tasks only");
        }
    }

    static List<String> head(String id, TaskKind kind, List<String> labels, HeadSpec head, String whose) {
        List<String> problems = new ArrayList<>();
        String what = whose + " of " + lower(kind) + " task '" + id + "'";
        if (head == null) {
            problems.add(what + " is null");
            return problems;
        }
        if (kind == TaskKind.MULTILABEL && head.labelSmoothing() > 0) {
            problems.add(what + " sets label smoothing " + head.labelSmoothing()
                    + ", which applies to softmax; a multilabel head has one sigmoid per label");
        }
        if (head.classWeighting().mode() == ClassWeighting.Mode.EXPLICIT) {
            if (head.classWeighting().weights().isEmpty()) {
                problems.add(what + " has EXPLICIT class weighting without weights; use none()");
            }
            head.classWeighting().weights().keySet().forEach(label -> unknownLabel(labels, what, "class weight", label, problems));
        }
        return problems;
    }

    /** Descriptions people read in {@code GET /api/v1/domains}: not needed to train, required of a plugin. */
    static List<String> descriptions(TaskSpec task) {
        List<String> problems = new ArrayList<>();
        if (task.description().isBlank()) {
            problems.add("task '" + task.id() + "' has no description (people read it in GET /api/v1/domains)");
        }
        for (FieldSpec field : task.inputs()) {
            if (field.description().isBlank()) {
                problems.add("task '" + task.id() + "': field '" + field.name() + "' (" + lower(field.type()) + ") has no description");
            }
        }
        return problems;
    }

    /** Throws one exception naming every problem, when there are any. */
    static void require(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static void unknownLabel(List<String> labels, String what, String where, String label, List<String> problems) {
        if (!labels.isEmpty() && !labels.contains(label)) {
            problems.add(what + ": " + where + " names '" + label + "', which is not one of its labels " + labels);
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
