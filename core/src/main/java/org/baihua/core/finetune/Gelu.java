package org.baihua.core.finetune;

/**
 * The exact GELU of BERT, {@code x Φ(x) = 0.5 x (1 + erf(x / √2))}, as the ONNX graphs of the bundled
 * encoders compute it (an Erf node), and its derivative {@code Φ(x) + x φ(x)}.
 */
final class Gelu {

    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private Gelu() {}

    static float apply(float x) {
        return (float) (0.5 * x * (1 + erf(x * INV_SQRT2)));
    }

    static float derivative(float x) {
        double cdf = 0.5 * (1 + erf(x * INV_SQRT2));
        double pdf = INV_SQRT_2PI * Math.exp(-0.5 * (double) x * x);
        return (float) (cdf + x * pdf);
    }

    /**
     * The derivative given the forward's output {@code y = x Φ(x)}: {@code Φ(x) = y / x} saves the
     * erf (an exp and a division) of {@link #derivative(float)}; near 0, where the quotient loses
     * precision, it falls back to it.
     */
    static float derivative(float x, float y) {
        if (Math.abs(x) < 1e-3f) {
            return derivative(x);
        }
        double pdf = INV_SQRT_2PI * Math.exp(-0.5 * (double) x * x);
        return (float) ((double) y / x + x * pdf);
    }

    /**
     * erf with a relative error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit of erfc),
     * under float precision: the JDK has no erf.
     */
    static double erf(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc : erfc - 1;
    }
}
