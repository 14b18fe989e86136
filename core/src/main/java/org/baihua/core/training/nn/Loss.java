package org.baihua.core.training.nn;

/** A loss over the logits of a mini-batch: its mean value and its gradient with respect to the logits. */
public interface Loss {

    /**
     * Computes the mean loss of {@code rows} rows and writes d(loss)/d(logits) into {@code grad}.
     *
     * @param logits rows &times; k, row-major
     * @param targets rows &times; k: one-hot (softmax) or multi-hot (sigmoid)
     * @param grad rows &times; k, overwritten
     */
    double lossAndGradient(float[] logits, float[] targets, int rows, int k, float[] grad);

    /** The mean loss alone. */
    default double loss(float[] logits, float[] targets, int rows, int k) {
        return lossAndGradient(logits, targets, rows, k, new float[rows * k]);
    }

    /** log(1 + e^x) without overflow. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
