package org.baihua.core.finetune;

import java.util.List;
import java.util.Random;
import org.baihua.core.training.nn.MatrixOps;

/**
 * The classification layer trained with the encoder: logits {@code = v · W + b} of the L2-normalised
 * sentence vector {@code v}. Its gradient flows back into the vector, and from there into the encoder.
 */
public final class LinearHead {

    private final Tensor weight;
    private final Tensor bias;
    private final float[][] transposed;

    /** A head with small random weights (normal, std 0.02; biases 0), as BERT's classifier starts. */
    public LinearHead(int inputs, int classes, int group, Random random) {
        weight = new Tensor("head.weight", inputs, classes, group, true);
        bias = new Tensor("head.bias", 1, classes, group, false);
        for (float[] row : weight.data()) {
            for (int j = 0; j < classes; j++) {
                row[j] = (float) (0.02 * random.nextGaussian());
            }
        }
        transposed = new float[classes][inputs];
        weightsChanged();
    }

    /** The weight (inputs × classes) and the bias. */
    public List<Tensor> tensors() {
        return List.of(weight, bias);
    }

    /** Number of classes (logits). */
    public int classes() {
        return bias.vector().length;
    }

    /** The logits of each vector. */
    public float[][] forward(MatrixOps ops, float[][] vectors) {
        float[][] logits = new float[vectors.length][classes()];
        ops.affine(vectors, vectors.length, weight.data(), bias.vector(), logits);
        return logits;
    }

    /** Sets the head's gradients and returns d(loss)/d(vectors). */
    public float[][] backward(MatrixOps ops, float[][] vectors, float[][] dLogits) {
        ops.gradient(vectors, dLogits, vectors.length, weight.grad(), bias.vectorGrad());
        float[][] dVectors = new float[vectors.length][weight.data().length];
        ops.backward(dLogits, transposed, vectors.length, dVectors);
        return dVectors;
    }

    /** Call after the weights change. */
    public void weightsChanged() {
        MatrixOps.transpose(weight.data(), transposed);
    }

    /** Copies another head's weights (same shape). */
    public void copyFrom(LinearHead other) {
        weight.copyFrom(other.weight);
        bias.copyFrom(other.bias);
        weightsChanged();
    }
}
