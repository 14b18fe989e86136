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

    /** A linear (logistic / softmax regression) head trained with Adam. */
    public static HeadSpec linear() {
        return new HeadSpec(List.of(), Activation.RELU, 0, ClassWeighting.none(), 0, OptimizerSpec.adam());
    }

    /** A multi-layer perceptron with ReLU hidden layers of the given widths, dropout 0.1, Adam. */
    public static HeadSpec mlp(int... widths) {
        return new HeadSpec(java.util.Arrays.stream(widths).boxed().toList(), Activation.RELU, 0.1,
                ClassWeighting.none(), 0, OptimizerSpec.adam());
    }

    /** This spec with another class weighting. */
    public HeadSpec withClassWeighting(ClassWeighting weighting) {
        return new HeadSpec(hiddenLayers, activation, dropout, weighting, labelSmoothing, optimizer);
    }

    /** This spec with another optimiser. */
    public HeadSpec withOptimizer(OptimizerSpec spec) {
        return new HeadSpec(hiddenLayers, activation, dropout, classWeighting, labelSmoothing, spec);
    }
}
