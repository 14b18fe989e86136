package org.baihua.core.finetune;

import java.util.List;

/**
 * AdamW over tensors that each learn at their own multiple of the scheduled learning rate (the
 * layer-wise decay and the head's higher rate), with decoupled weight decay on weight matrices
 * only, after clipping the global gradient norm.
 */
final class GroupedAdamW {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final List<Tensor> tensors;
    private final double[] rates;
    private final double weightDecay;
    private final double clipNorm;
    private final float[][][] first;
    private final float[][][] second;
    private long steps;

    /**
     * @param rates for each tensor, the factor applied to the step's learning rate
     */
    GroupedAdamW(List<Tensor> tensors, double[] rates, double weightDecay, double clipNorm) {
        if (rates.length != tensors.size()) {
            throw new IllegalArgumentException("one rate per tensor is needed");
        }
        this.tensors = List.copyOf(tensors);
        this.rates = rates.clone();
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
        first = new float[tensors.size()][][];
        second = new float[tensors.size()][][];
        for (int t = 0; t < tensors.size(); t++) {
            float[][] data = tensors.get(t).data();
            first[t] = new float[data.length][data[0].length];
            second[t] = new float[data.length][data[0].length];
        }
    }

    /** The global L2 norm of all gradients. */
    double gradientNorm() {
        double sum = 0;
        for (Tensor t : tensors) {
            for (float[] row : t.grad()) {
                for (float g : row) {
                    sum += (double) g * g;
                }
            }
        }
        return Math.sqrt(sum);
    }

    /** One update at learning rate {@code lr}; returns the gradient norm before clipping. */
    double step(double lr) {
        steps++;
        double norm = gradientNorm();
        float clip = norm > clipNorm ? (float) (clipNorm / norm) : 1f;
        double correction1 = 1 - Math.pow(BETA1, steps);
        double rootCorrection2 = Math.sqrt(1 - Math.pow(BETA2, steps));
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float eps = (float) EPSILON;
        for (int t = 0; t < tensors.size(); t++) {
            Tensor tensor = tensors.get(t);
            double rate = lr * rates[t];
            float stepSize = (float) (rate / correction1);
            float shrink = tensor.decay() ? (float) (1 - rate * weightDecay) : 1f;
            float rc2 = (float) rootCorrection2;
            float[][] w = tensor.data();
            float[][] g = tensor.grad();
            for (int r = 0; r < w.length; r++) {
                float[] wr = w[r];
                float[] gr = g[r];
                float[] m = first[t][r];
                float[] v = second[t][r];
                for (int i = 0; i < wr.length; i++) {
                    float grad = gr[i] * clip;
                    m[i] = b1 * m[i] + (1 - b1) * grad;
                    v[i] = b2 * v[i] + (1 - b2) * grad * grad;
                    wr[i] = shrink * wr[i] - stepSize * m[i] / ((float) Math.sqrt(v[i]) / rc2 + eps);
                }
            }
        }
        return norm;
    }
}
