package org.baihua.core.training.nn;

import org.baihua.sdk.Activation;

/** Hidden-layer activations and their derivatives, element-wise on float arrays. */
public final class Activations {

    /** sqrt(2/pi), of the tanh approximation of GELU. */
    static final double GELU_C = Math.sqrt(2 / Math.PI);
    static final double GELU_A = 0.044715;

    private Activations() {}

    /** {@code a[i] = f(z[i])} for i in [0, n). */
    public static void apply(Activation activation, float[] z, float[] a, int n) {
        switch (activation) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    a[i] = z[i] > 0f ? z[i] : 0f;
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    a[i] = (float) Math.tanh(z[i]);
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    a[i] = gelu(z[i]);
                }
            }
        }
    }

    /** {@code g[i] *= f'(z[i])} for i in [0, n): chains a gradient through the activation. */
    public static void chain(Activation activation, float[] z, float[] g, int n) {
        switch (activation) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    if (!(z[i] > 0f)) {
                        g[i] = 0f;
                    }
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    double t = Math.tanh(z[i]);
                    g[i] *= (float) (1 - t * t);
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    g[i] *= (float) geluDerivative(z[i]);
                }
            }
        }
    }

    /** GELU, tanh approximation: 0.5 z (1 + tanh(c (z + 0.044715 z³))). */
    public static float gelu(float z) {
        double x = z;
        return (float) (0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_A * x * x * x))));
    }

    static double geluDerivative(float z) {
        double x = z;
        double t = Math.tanh(GELU_C * (x + GELU_A * x * x * x));
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_A * x * x);
    }
}
