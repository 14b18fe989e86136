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
    private final float[][][] weights;
    private final float[][] biases;
    private final float[][][] weightGradients;
    private final float[][] biasGradients;
    private final float[][][] transposed;
    private int capacity;
    private float[][][] pre;
    private float[][][] post;
    private float[][][] masks;
    private float[][][] deltas;

    private HeadNetwork(int[] sizes, Activation activation, OutputKind output, double dropout) {
        this.sizes = sizes;
        this.activation = Objects.requireNonNull(activation, "activation is null");
        this.output = Objects.requireNonNull(output, "output is null");
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
        }
        this.dropout = dropout;
        int layers = sizes.length - 1;
        weights = new float[layers][][];
        biases = new float[layers][];
        weightGradients = new float[layers][][];
        biasGradients = new float[layers][];
        transposed = new float[layers][][];
        for (int l = 0; l < layers; l++) {
            weights[l] = new float[sizes[l]][sizes[l + 1]];
            biases[l] = new float[sizes[l + 1]];
            weightGradients[l] = new float[sizes[l]][sizes[l + 1]];
            biasGradients[l] = new float[sizes[l + 1]];
            transposed[l] = l == 0 ? null : new float[sizes[l + 1]][sizes[l]];
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
            for (float[] row : network.weights[l]) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) (random.nextGaussian() * std);
                }
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
            int out = sizes[l + 1];
            float[] flat = new float[sizes[l] * out];
            for (int k = 0; k < sizes[l]; k++) {
                System.arraycopy(weights[l][k], 0, flat, k * out, out);
            }
            layers.add(new HeadWeights.Dense(sizes[l], out, flat, biases[l].clone()));
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
            int out = sizes[l + 1];
            for (int k = 0; k < sizes[l]; k++) {
                System.arraycopy(layer.weights(), k * out, weights[l][k], 0, out);
            }
            System.arraycopy(layer.bias(), 0, biases[l], 0, out);
        }
    }

    /** Whether every parameter is a finite number (false once training has diverged). */
    public boolean finite() {
        for (float[] p : parameters()) {
            for (float v : p) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Width of the input. */
    public int inputs() {
        return sizes[0];
    }

    /** Number of outputs. */
    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /**
     * The parameter arrays, updated in place by an {@link Optimizer}: the rows of w0, then b0, the
     * rows of w1, b1, ...
     */
    public List<float[]> parameters() {
        List<float[]> list = new ArrayList<>();
        for (int l = 0; l < weights.length; l++) {
            list.addAll(java.util.Arrays.asList(weights[l]));
            list.add(biases[l]);
        }
        return list;
    }

    /** The gradients of the last {@link #forwardBackward} call, in the order of {@link #parameters()}. */
    public List<float[]> gradients() {
        List<float[]> list = new ArrayList<>();
        for (int l = 0; l < weights.length; l++) {
            list.addAll(java.util.Arrays.asList(weightGradients[l]));
            list.add(biasGradients[l]);
        }
        return list;
    }

    /** Which parameter arrays take weight decay: the weight rows, not the biases. */
    public boolean[] decayMask() {
        List<Boolean> mask = new ArrayList<>();
        for (int l = 0; l < weights.length; l++) {
            for (int k = 0; k < sizes[l]; k++) {
                mask.add(true);
            }
            mask.add(false);
        }
        boolean[] result = new boolean[mask.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = mask.get(i);
        }
        return result;
    }

    /**
     * Forward pass with dropout, loss, and backward pass for one mini-batch; leaves the gradients
     * in {@link #gradients()}.
     *
     * @param x at least {@code rows} feature rows
     * @param targets at least {@code rows} target rows (one-hot or multi-hot)
     * @param random source of dropout masks; unused without dropout
     * @return the mean loss of the batch
     */
    public double forwardBackward(float[][] x, float[][] targets, int rows, Loss loss, Random random, MatrixOps ops) {
        ensureCapacity(rows);
        int last = weights.length - 1;
        forward(x, rows, random, ops);
        double value = loss.lossAndGradient(pre[last], targets, rows, deltas[last]);
        for (int l = last; l >= 0; l--) {
            float[][] input = l == 0 ? x : post[l - 1];
            ops.gradient(input, deltas[l], rows, weightGradients[l], biasGradients[l]);
            if (l > 0) {
                MatrixOps.transpose(weights[l], transposed[l]);
                ops.backward(deltas[l], transposed[l], rows, deltas[l - 1]);
                int width = sizes[l];
                for (int i = 0; i < rows; i++) {
                    float[] delta = deltas[l - 1][i];
                    if (dropout > 0) {
                        float[] mask = masks[l - 1][i];
                        for (int k = 0; k < width; k++) {
                            delta[k] *= mask[k];
                        }
                    }
                    Activations.chain(activation, pre[l - 1][i], delta, width);
                }
            }
        }
        return value;
    }

    /** Probabilities for each row of {@code x} (no dropout), computed in blocks to bound memory. */
    public float[][] predict(float[][] x, MatrixOps ops) {
        int block = 1024;
        float[][] result = new float[x.length][];
        for (int start = 0; start < x.length; start += block) {
            int rows = Math.min(block, x.length - start);
            float[][] slice = new float[rows][];
            for (int r = 0; r < rows; r++) {
                if (x[start + r].length != inputs()) {
                    throw new IllegalArgumentException("row " + (start + r) + " has " + x[start + r].length
                            + " features, the head expects " + inputs());
                }
                slice[r] = x[start + r];
            }
            ensureCapacity(rows);
            forward(slice, rows, null, ops);
            float[][] logits = pre[weights.length - 1];
            for (int r = 0; r < rows; r++) {
                result[start + r] = logits[r].clone();
            }
            output.probabilities(result, start, rows);
        }
        return result;
    }

    private void forward(float[][] x, int rows, Random random, MatrixOps ops) {
        float[][] input = x;
        float keepScale = (float) (1 / (1 - dropout));
        for (int l = 0; l < weights.length; l++) {
            ops.affine(input, rows, weights[l], biases[l], pre[l]);
            if (l < weights.length - 1) {
                int width = sizes[l + 1];
                for (int i = 0; i < rows; i++) {
                    float[] a = post[l][i];
                    Activations.apply(activation, pre[l][i], a, width);
                    if (random != null && dropout > 0) {
                        float[] mask = masks[l][i];
                        for (int k = 0; k < width; k++) {
                            mask[k] = random.nextDouble() < dropout ? 0f : keepScale;
                            a[k] *= mask[k];
                        }
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
        pre = new float[layers][][];
        post = new float[layers][][];
        masks = new float[layers][][];
        deltas = new float[layers][][];
        for (int l = 0; l < layers; l++) {
            int width = sizes[l + 1];
            pre[l] = new float[rows][width];
            deltas[l] = new float[rows][width];
            if (l < layers - 1) {
                post[l] = new float[rows][width];
                masks[l] = dropout > 0 ? new float[rows][width] : null;
            }
        }
        capacity = rows;
    }
}
