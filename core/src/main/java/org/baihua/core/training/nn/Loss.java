package org.baihua.core.training.nn;

/** A loss over the logits of a mini-batch: its mean value and its gradient with respect to the logits. */
public interface Loss {

    /**
     * Computes the mean loss of the first {@code rows} rows and writes d(loss)/d(logits) into {@code grad}.
     *
     * @param logits one row of k logits per example
     * @param targets one row of k targets per example: one-hot (softmax) or multi-hot (sigmoid)
     * @param grad rows of k, overwritten
     */
    double lossAndGradient(float[][] logits, float[][] targets, int rows, float[][] grad);

    /** log(1 + e^x) without overflow. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
