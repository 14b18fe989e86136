package org.baihua.core.training.nn;

import java.util.List;
import java.util.Objects;
import org.baihua.sdk.Activation;

/**
 * The trained parameters of a head: dense layers, the hidden activation and the output kind. Plain
 * data (JSON-friendly); arrays are not copied on access, so treat them as read-only.
 *
 * @param layers input side first; at least one
 * @param activation the activation after every layer but the last
 * @param output softmax or sigmoid after the last layer
 */
public record HeadWeights(List<Dense> layers, Activation activation, OutputKind output) {

    public HeadWeights {
        layers = List.copyOf(Objects.requireNonNull(layers, "layers is null"));
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a head needs at least one layer");
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inputs() != layers.get(l - 1).outputs()) {
                throw new IllegalArgumentException("layer " + l + " takes " + layers.get(l).inputs()
                        + " inputs but layer " + (l - 1) + " gives " + layers.get(l - 1).outputs());
            }
        }
        Objects.requireNonNull(activation, "activation is null");
        Objects.requireNonNull(output, "output is null");
    }

    /** Width of the input vector. */
    public int inputs() {
        return layers.get(0).inputs();
    }

    /** Number of outputs (classes or labels). */
    public int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    /**
     * One dense layer, {@code y = x · weights + bias}.
     *
     * @param inputs width of x
     * @param outputs width of y
     * @param weights inputs &times; outputs, row-major
     * @param bias outputs
     */
    public record Dense(int inputs, int outputs, float[] weights, float[] bias) {
        public Dense {
            if (inputs < 1 || outputs < 1) {
                throw new IllegalArgumentException("layer needs inputs and outputs >= 1, was " + inputs + "x" + outputs);
            }
            if (weights.length != inputs * outputs || bias.length != outputs) {
                throw new IllegalArgumentException("layer " + inputs + "x" + outputs + " has " + weights.length
                        + " weights and " + bias.length + " biases");
            }
        }
    }
}
