package org.baihua.core.training.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.baihua.sdk.Activation;

/**
 * A trainable head: dense layers with an activation and inverted dropout between them, and a
 * softmax or sigmoid output. Holds its parameters, gradients and per-batch work buffers, so one
 * instance serves one training run on one thread (the kernels themselves may use several).
 */
public final class HeadNetwork {

    private final int[] sizes;
    private final Activation activation;
    private final OutputKind output;
    private final double dropout;
    private final float[][] weights;
    private final float[][] biases;
    private final float[][] weightGradients;
    private final float[][] biasGradients;
    private final float[][] transposed;
    private int capacity;
    private float[][] pre;
    private float[][] post;
    private float[][] masks;
    private float[][] deltas;

    private HeadNetwork(int[] sizes, Activation activation, OutputKind output, double dropout) {
        this.sizes = sizes;
        this.activation = Objects.requireNonNull(activation, "activation is null");
        this.output = Objects.requireNonNull(output, "output is null");
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
        this.dropout = dropout;
        int layers = sizes.length - 1;
        weights = new float[layers][];
        biases = new float[layers][];
        weightGradients = new float[layers][];
        biasGradients = new float[layers][];
        transposed = new float[layers][];
        for (int l = 0; l < layers; l++) {
            weights[l] = new float[sizes[l] * sizes[l + 1]];
            biases[l] = new float[sizes[l + 1]];
            weightGradients[l] = new float[weights[l].length];
            biasGradients[l] = new float[biases[l].length];
            transposed[l] = new float[weights[l].length];
        }
    }

    /**
     * A new network with random weights: He-normal before ReLU/GELU, Glorot-style (1/fan-in)
     * before tanh and the output; biases 0.
     */
    public static HeadNetwork initialise(int inputs, List<Integer> hidden, int outputs, Activation activation,
                                         OutputKind output, double dropout, Random random) {
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i);
        }
        sizes[sizes.length - 1] = outputs;
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("layer sizes must be >= 1, were " + java.util.Arrays.toString(sizes));
            }
        }
        HeadNetwork network = new HeadNetwork(sizes, activation, output, dropout);
        for (int l = 0; l < sizes.length - 1; l++) {
            boolean last = l == sizes.length - 2;
            double gain = !last && activation != Activation.TANH ? 2.0 : 1.0;
            double std = Math.sqrt(gain / sizes[l]);
            float[] w = network.weights[l];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (random.nextGaussian() * std);
            }
        }
        return network;
    }

    /** A network holding a copy of trained weights, without dropout (for inference). */
    public static HeadNetwork of(HeadWeights trained) {
        int[] sizes = new int[trained.layers().size() + 1];
        sizes[0] = trained.inputs();
        for (int l = 0; l < trained.layers().size(); l++) {
            sizes[l + 1] = trained.layers().get(l).outputs();
        }
        HeadNetwork network = new HeadNetwork(sizes, trained.activation(), trained.output(), 0);
        network.load(trained);
        return network;
    }

    /** A deep copy of the current weights. */
    public HeadWeights weights() {
        List<HeadWeights.Dense> layers = new ArrayList<>();
        for (int l = 0; l < weights.length; l++) {
            layers.add(new HeadWeights.Dense(sizes[l], sizes[l + 1], weights[l].clone(), biases[l].clone()));
        }
        return new HeadWeights(layers, activation, output);
    }

    /** Copies {@code trained} into this network's parameters (same shape required). */
    public void load(HeadWeights trained) {
        if (trained.layers().size() != weights.length) {
            throw new IllegalArgumentException("weights have " + trained.layers().size() + " layers, network " + weights.length);
        }
        for (int l = 0; l < weights.length; l++) {
            HeadWeights.Dense layer = trained.layers().get(l);
            if (layer.inputs() != sizes[l] || layer.outputs() != sizes[l + 1]) {
                throw new IllegalArgumentException("layer " + l + " is " + layer.inputs() + "x" + layer.outputs()
                        + ", network expects " + sizes[l] + "x" + sizes[l + 1]);
            }
            System.arraycopy(layer.weights(), 0, weights[l], 0, weights[l].length);
            System.arraycopy(layer.bias(), 0, biases[l], 0, biases[l].length);
        }
    }

    /** Width of the input. */
    public int inputs() {
        return sizes[0];
    }

    /** Number of outputs. */
    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** The parameter arrays, updated in place by an {@link Optimizer}: w0, b0, w1, b1, ... */
    public List<float[]> parameters() {
        List<float[]> list = new ArrayList<>();
        for (int l = 0; l < weights.length; l++) {
            list.add(weights[l]);
            list.add(biases[l]);
        }
        return list;
    }

    /** The gradients of the last {@link #forwardBackward} call, in the order of {@link #parameters()}. */
    public List<float[]> gradients() {
        List<float[]> list = new ArrayList<>();
        for (int l = 0; l < weights.length; l++) {
            list.add(weightGradients[l]);
            list.add(biasGradients[l]);
        }
        return list;
    }

    /** Which parameter arrays take weight decay: the weight matrices, not the biases. */
    public boolean[] decayMask() {
        boolean[] mask = new boolean[weights.length * 2];
        for (int l = 0; l < weights.length; l++) {
            mask[2 * l] = true;
        }
        return mask;
    }

    /**
     * Forward pass with dropout, loss, and backward pass for one mini-batch; leaves the gradients
     * in {@link #gradients()}.
     *
     * @param x rows &times; inputs, row-major
     * @param targets rows &times; outputs (one-hot or multi-hot)
     * @param random source of dropout masks; unused without dropout
     * @return the mean loss of the batch
     */
    public double forwardBackward(float[] x, float[] targets, int rows, Loss loss, Random random, MatrixOps ops) {
        ensureCapacity(rows);
        int last = weights.length - 1;
        forward(x, rows, random, ops);
        double value = loss.lossAndGradient(pre[last], targets, rows, outputs(), deltas[last]);
        for (int l = last; l >= 0; l--) {
            float[] input = l == 0 ? x : post[l - 1];
            ops.gradient(input, deltas[l], rows, sizes[l], sizes[l + 1], weightGradients[l], biasGradients[l]);
            if (l > 0) {
                MatrixOps.transpose(weights[l], sizes[l], sizes[l + 1], transposed[l]);
                ops.backward(deltas[l], transposed[l], rows, sizes[l], sizes[l + 1], deltas[l - 1]);
                int n = rows * sizes[l];
                if (dropout > 0) {
                    float[] mask = masks[l - 1];
                    float[] delta = deltas[l - 1];
                    for (int i = 0; i < n; i++) {
                        delta[i] *= mask[i];
                    }
                }
                Activations.chain(activation, pre[l - 1], deltas[l - 1], n);
            }
        }
        return value;
    }

    /** Probabilities for {@code rows} rows of {@code x} (no dropout), as a new rows &times; outputs array. */
    public float[] predict(float[] x, int rows, MatrixOps ops) {
        ensureCapacity(rows);
        forward(x, rows, null, ops);
        float[] result = java.util.Arrays.copyOf(pre[weights.length - 1], rows * outputs());
        output.probabilities(result, rows, outputs());
        return result;
    }

    /** Probabilities for each row of {@code x}, computed in blocks to bound memory. */
    public float[][] predict(float[][] x, MatrixOps ops) {
        int block = 1024;
        float[][] result = new float[x.length][];
        float[] buffer = new float[Math.min(block, Math.max(1, x.length)) * inputs()];
        for (int start = 0; start < x.length; start += block) {
            int rows = Math.min(block, x.length - start);
            for (int r = 0; r < rows; r++) {
                if (x[start + r].length != inputs()) {
                    throw new IllegalArgumentException("row " + (start + r) + " has " + x[start + r].length
                            + " features, the head expects " + inputs());
                }
                System.arraycopy(x[start + r], 0, buffer, r * inputs(), inputs());
            }
            float[] p = predict(buffer, rows, ops);
            for (int r = 0; r < rows; r++) {
                result[start + r] = java.util.Arrays.copyOfRange(p, r * outputs(), (r + 1) * outputs());
            }
        }
        return result;
    }

    private void forward(float[] x, int rows, Random random, MatrixOps ops) {
        float[] input = x;
        float keepScale = (float) (1 / (1 - dropout));
        for (int l = 0; l < weights.length; l++) {
            ops.affine(input, rows, sizes[l], weights[l], biases[l], sizes[l + 1], pre[l]);
            if (l < weights.length - 1) {
                int n = rows * sizes[l + 1];
                Activations.apply(activation, pre[l], post[l], n);
                if (random != null && dropout > 0) {
                    float[] mask = masks[l];
                    float[] a = post[l];
                    for (int i = 0; i < n; i++) {
                        mask[i] = random.nextDouble() < dropout ? 0f : keepScale;
                        a[i] *= mask[i];
                    }
                }
                input = post[l];
            }
        }
    }

    private void ensureCapacity(int rows) {
        if (rows <= capacity) {
            return;
        }
        int layers = weights.length;
        pre = new float[layers][];
        post = new float[layers][];
        masks = new float[layers][];
        deltas = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int n = rows * sizes[l + 1];
            pre[l] = new float[n];
            deltas[l] = new float[n];
            if (l < layers - 1) {
                post[l] = new float[n];
                masks[l] = dropout > 0 ? new float[n] : null;
            }
        }
        capacity = rows;
    }
}
