package org.baihua.core.finetune;

import java.util.Arrays;

/**
 * One trainable parameter of the encoder, as rows (a matrix is {@code in × out}, one row per input;
 * a vector is one row), with its gradient of the same shape.
 *
 * <p>{@code group} is the parameter's depth for layer-wise learning-rate decay: 0 for the
 * embeddings, {@code l + 1} for transformer layer {@code l}.
 */
public final class Tensor {

    private final String name;
    private final float[][] data;
    private final float[][] grad;
    private final int group;
    private final boolean decay;

    Tensor(String name, int rows, int cols, int group, boolean decay) {
        this.name = name;
        this.data = new float[rows][cols];
        this.grad = new float[rows][cols];
        this.group = group;
        this.decay = decay;
    }

    /** The name, such as {@code layer.3.attention.query.weight}. */
    public String name() {
        return name;
    }

    /** The values, row by row; updated in place by the optimiser. */
    public float[][] data() {
        return data;
    }

    /** The gradient, same shape as {@link #data()}. */
    public float[][] grad() {
        return grad;
    }

    /** The vector of a one-row tensor. */
    public float[] vector() {
        return data[0];
    }

    /** The gradient of a one-row tensor. */
    public float[] vectorGrad() {
        return grad[0];
    }

    /** 0 for the embeddings, {@code l + 1} for layer {@code l}. */
    public int group() {
        return group;
    }

    /** Whether weight decay applies: matrices yes, biases and LayerNorm parameters no. */
    public boolean decay() {
        return decay;
    }

    /** Number of values. */
    public long size() {
        return (long) data.length * data[0].length;
    }

    void zeroGrad() {
        for (float[] row : grad) {
            Arrays.fill(row, 0f);
        }
    }

    void copyFrom(Tensor other) {
        for (int r = 0; r < data.length; r++) {
            System.arraycopy(other.data[r], 0, data[r], 0, data[r].length);
        }
    }

    /** Copies a row-major block of {@code rows × cols} values into this tensor. */
    void load(float[] flat) {
        int cols = data[0].length;
        if (flat.length != data.length * cols) {
            throw new IllegalArgumentException("tensor " + name + " has " + data.length + " x " + cols
                    + " values, got " + flat.length);
        }
        for (int r = 0; r < data.length; r++) {
            System.arraycopy(flat, r * cols, data[r], 0, cols);
        }
    }

    /** The values row-major. */
    float[] flat() {
        int cols = data[0].length;
        float[] flat = new float[data.length * cols];
        for (int r = 0; r < data.length; r++) {
            System.arraycopy(data[r], 0, flat, r * cols, cols);
        }
        return flat;
    }
}
