package org.baihua.sdk;

import java.util.List;
import java.util.Objects;

/**
 * The shape and training defaults of a classifier head, the small network the host's shared
 * training engine trains on top of the feature vector (shared text embeddings plus encoded numeric
 * and categorical fields).
 *
 * <p>The output layer and loss follow from the task's {@link TaskKind}: softmax with
 * cross-entropy for binary and multiclass tasks, one sigmoid per label with binary cross-entropy
 * for multilabel tasks. They are not configurable because no other pairing is correct.
 *
 * <p>Build one with {@link #builder()}, where every setting is optional and defaults to a linear
 * head trained with Adam:
 * <pre>{@code
 * HeadSpec head = HeadSpec.builder().optHiddenLayers(64, 32).optActivation(Activation.GELU)
 *         .optDropout(0.2).optClassWeighting(ClassWeighting.balanced())
 *         .optOptimizer(OptimizerSpec.adamW(3e-3, 1e-2)).build();
 * }</pre>
 *
 * @param hiddenLayers widths of the hidden layers, input side first; empty for a linear head
 * @param activation activation of the hidden layers
 * @param dropout dropout rate on hidden activations during training, in [0, 1)
 * @param classWeighting how the loss weighs classes
 * @param labelSmoothing label smoothing for softmax cross-entropy, in [0, 1)
 * @param optimizer optimiser and its defaults
 */
public record HeadSpec(
        List<Integer> hiddenLayers,
        Activation activation,
        double dropout,
        ClassWeighting classWeighting,
        double labelSmoothing,
        OptimizerSpec optimizer) {

    public HeadSpec {
        hiddenLayers = List.copyOf(Objects.requireNonNull(hiddenLayers, "hiddenLayers is null"));
        for (Integer width : hiddenLayers) {
            if (width == null || width < 1 || width > 65_536) {
                throw new IllegalArgumentException("hidden layer width must be in [1, 65536], was " + width);
            }
        }
        activation = activation == null ? Activation.RELU : activation;
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
        classWeighting = classWeighting == null ? ClassWeighting.none() : classWeighting;
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), was " + labelSmoothing);
        }
        optimizer = optimizer == null ? OptimizerSpec.adam() : optimizer;
    }

    /** A builder starting from a linear head trained with Adam; every setting is optional. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this spec, to change some settings. */
    public Builder toBuilder() {
        return new Builder().optHiddenLayers(hiddenLayers).optActivation(activation).optDropout(dropout)
                .optClassWeighting(classWeighting).optLabelSmoothing(labelSmoothing).optOptimizer(optimizer);
    }

    /** A linear (logistic / softmax regression) head trained with Adam. */
    public static HeadSpec linear() {
        return builder().build();
    }

    /** A multi-layer perceptron with ReLU hidden layers of the given widths, dropout 0.1, Adam. */
    public static HeadSpec mlp(int... widths) {
        return builder().optHiddenLayers(widths).optDropout(0.1).build();
    }

    /** This spec with another class weighting. */
    public HeadSpec withClassWeighting(ClassWeighting weighting) {
        return toBuilder().optClassWeighting(weighting).build();
    }

    /** This spec with another optimiser. */
    public HeadSpec withOptimizer(OptimizerSpec spec) {
        return toBuilder().optOptimizer(spec).build();
    }

    /**
     * Builds a {@link HeadSpec}. Every setting is optional ({@code opt...}); the defaults make a
     * linear head: no hidden layers, ReLU, no dropout, no class weighting, no label smoothing, Adam.
     * {@link #build()} validates the ranges and names the setting at fault.
     */
    public static final class Builder {
        private List<Integer> hiddenLayers = List.of();
        private Activation activation = Activation.RELU;
        private double dropout;
        private ClassWeighting classWeighting = ClassWeighting.none();
        private double labelSmoothing;
        private OptimizerSpec optimizer = OptimizerSpec.adam();

        private Builder() {}

        /** Widths of the hidden layers, input side first; none for a linear head. */
        public Builder optHiddenLayers(int... widths) {
            this.hiddenLayers = java.util.Arrays.stream(widths).boxed().toList();
            return this;
        }

        /** Widths of the hidden layers, input side first; empty for a linear head. */
        public Builder optHiddenLayers(List<Integer> widths) {
            this.hiddenLayers = Objects.requireNonNull(widths, "hiddenLayers is null");
            return this;
        }

        /** Activation of the hidden layers (default ReLU). */
        public Builder optActivation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /** Dropout on hidden activations during training, in [0, 1) (default 0). */
        public Builder optDropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /** How the loss weighs classes (default none). */
        public Builder optClassWeighting(ClassWeighting classWeighting) {
            this.classWeighting = classWeighting;
            return this;
        }

        /** Label smoothing for softmax cross-entropy, in [0, 1) (default 0). */
        public Builder optLabelSmoothing(double labelSmoothing) {
            this.labelSmoothing = labelSmoothing;
            return this;
        }

        /** Optimiser and its defaults (default Adam). */
        public Builder optOptimizer(OptimizerSpec optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * The head.
         *
         * @throws IllegalArgumentException when a setting is out of range
         */
        public HeadSpec build() {
            return new HeadSpec(hiddenLayers, activation, dropout, classWeighting, labelSmoothing, optimizer);
        }
    }
}
