package org.baihua.sdk;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A classification task a domain offers.
 *
 * @param id stable id within the domain, for example {@code condition}
 * @param description what the task predicts, for people
 * @param kind binary, multiclass or multilabel
 * @param labels the fixed label set, or empty when the labels come from the user's data set (a
 *     hospital's own specialties, a plant's own failure codes)
 * @param inputs the typed input fields, names unique
 * @param head the default head; a {@link ClassifierHead} may adapt it to the data, a user may override it
 * @param primaryMetric the metric early stopping and model comparison use
 * @param decisionPolicy how probabilities become a decision by default
 * @param encoder the id of the shared text encoder the task's text fields want (for example
 *     {@code bge-small-en-v15}), or null to let the host choose by the data set's language; a training
 *     request may still name another. Ignored for tasks without text fields.
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
        String encoder) {

    /** A task that declares no encoder: the host chooses one by the data set's language. */
    public TaskSpec(String id, String description, TaskKind kind, List<String> labels, List<FieldSpec> inputs,
                    HeadSpec head, Metric primaryMetric, DecisionPolicy decisionPolicy) {
        this(id, description, kind, labels, inputs, head, primaryMetric, decisionPolicy, null);
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
    }

    /** This task with {@code encoder} declared as the encoder its text fields want. */
    public TaskSpec withEncoder(String encoder) {
        return new TaskSpec(id, description, kind, labels, inputs, head, primaryMetric, decisionPolicy, encoder);
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
