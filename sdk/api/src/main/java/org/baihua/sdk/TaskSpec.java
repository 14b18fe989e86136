package org.baihua.sdk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A classification task a domain offers.
 *
 * <p>The constructor refuses a task whose parts do not fit its kind (a multiclass task with two
 * labels, a Threshold on a multiclass task, F1 on a non-binary task, a cost matrix naming unknown
 * labels, a default head with label smoothing on a multilabel task, a label containing {@code ,}
 * or {@code |}, ...), with a message naming the task and the value at fault.
 *
 * @param id stable id within the domain, for example {@code condition}
 * @param description what the task predicts, for people
 * @param kind binary, multiclass or multilabel
 * @param labels the fixed label set, or empty when the labels come from the user's data set (a
 *     hospital's own specialties, a plant's own failure codes)
 * @param inputs the typed input fields, names unique
 * @param head the default head; a {@link HeadDesigner} may adapt it to the data, a user may override it
 * @param primaryMetric the metric early stopping and model comparison use
 * @param decisionPolicy how probabilities become a decision by default
 * @param encoder the id of the shared text encoder the task's text fields want (for example
 *     {@code bge-small-en-v15}), or null to let the host choose by the data set's language; a training
 *     request may still name another. Ignored for tasks without text fields.
 * @param longText what the encoder does with texts longer than its window, or null to let the host
 *     choose (its {@code encoder.long-text} setting, else chunk when the training texts' 90th percentile
 *     length exceeds the window); a training request may still name another. Only for tasks with a text field.
 */
public record TaskSpec(
        String id,
        String description,
        TaskKind kind,
        List<String> labels,
        List<FieldSpec> inputs,
        HeadSpec head,
        Metric primaryMetric,
        DecisionPolicy decisionPolicy,
        String encoder,
        LongTextStrategy longText) {

    /** A task that declares no encoder: the host chooses one by the data set's language. */
    public TaskSpec(String id, String description, TaskKind kind, List<String> labels, List<FieldSpec> inputs,
                    HeadSpec head, Metric primaryMetric, DecisionPolicy decisionPolicy) {
        this(id, description, kind, labels, inputs, head, primaryMetric, decisionPolicy, null, null);
    }

    /** A task that leaves the long-text strategy to the host. */
    public TaskSpec(String id, String description, TaskKind kind, List<String> labels, List<FieldSpec> inputs,
                    HeadSpec head, Metric primaryMetric, DecisionPolicy decisionPolicy, String encoder) {
        this(id, description, kind, labels, inputs, head, primaryMetric, decisionPolicy, encoder, null);
    }

    public TaskSpec {
        Ids.require(id, "task id");
        description = description == null ? "" : description;
        Objects.requireNonNull(kind, "kind of task '" + id + "' is null");
        labels = List.copyOf(Objects.requireNonNull(labels, "labels of task '" + id + "' is null"));
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("task '" + id + "' has duplicate labels: " + labels);
        }
        if (kind == TaskKind.BINARY && !labels.isEmpty() && labels.size() != 2) {
            throw new IllegalArgumentException("binary task '" + id + "' needs exactly 2 labels, has " + labels);
        }
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs of task '" + id + "' is null"));
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("task '" + id + "' has no input fields");
        }
        Set<String> names = new HashSet<>();
        for (FieldSpec field : inputs) {
            if (!names.add(field.name())) {
                throw new IllegalArgumentException("task '" + id + "' declares field '" + field.name() + "' twice");
            }
        }
        head = head == null ? HeadSpec.linear() : head;
        Objects.requireNonNull(primaryMetric, "primary metric of task '" + id + "' is null");
        decisionPolicy = decisionPolicy == null ? DecisionPolicy.argmax() : decisionPolicy;
        if (encoder != null && !encoder.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("task '" + id + "' declares encoder '" + encoder
                    + "', which is not an encoder id (1-64 of [a-z0-9-])");
        }
        if (longText != null && inputs.stream().noneMatch(field -> field.type() == FieldType.TEXT)) {
            throw new IllegalArgumentException("task '" + id + "' declares longText " + longText.key()
                    + " but has no text field: only text fields are embedded");
        }
        List<String> problems = new ArrayList<>(TaskRules.labels(id, kind, labels));
        problems.addAll(TaskRules.policyAndMetric(id, kind, labels, primaryMetric, decisionPolicy));
        problems.addAll(TaskRules.head(id, kind, labels, head, "default head"));
        TaskRules.require(problems);
    }

    /** This task with {@code encoder} declared as the encoder its text fields want. */
    public TaskSpec withEncoder(String encoder) {
        return new TaskSpec(id, description, kind, labels, inputs, head, primaryMetric, decisionPolicy, encoder, longText);
    }

    /**
     * This task with {@code longText} declared as what the encoder does with its texts longer than the
     * window (null: the host chooses).
     *
     * @throws IllegalArgumentException if the task has no text field
     */
    public TaskSpec withLongText(LongTextStrategy longText) {
        return new TaskSpec(id, description, kind, labels, inputs, head, primaryMetric, decisionPolicy, encoder, longText);
    }

    /**
     * Checks that a head fits this task: one a {@link HeadDesigner} designed or a user chose.
     *
     * @param head the head
     * @param whose what the head is, for the message ("head designed for small data")
     * @throws IllegalArgumentException naming every problem, for example label smoothing on a multilabel task
     */
    public HeadSpec requireFits(HeadSpec head, String whose) {
        TaskRules.require(TaskRules.head(id, kind, labels, head, whose));
        return head;
    }

    /**
     * What a published task lacks for the people who read it in {@code GET /api/v1/domains}: a task
     * or field description. Training does not need them, so the constructor allows them blank; the
     * host refuses to install a plugin whose tasks lack them, and the test kit reports them.
     *
     * @return one message per missing description, empty when none is missing
     */
    public List<String> missingDescriptions() {
        return TaskRules.descriptions(this);
    }

    /** Whether the labels come from the user's data set rather than from this spec. */
    public boolean labelsFromData() {
        return labels.isEmpty();
    }

    /** The input field with this name, or null. */
    public FieldSpec input(String name) {
        for (FieldSpec field : inputs) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        return null;
    }
}
