package org.baihua.core.encoder.internal;

import org.baihua.core.encoder.Pooling;

/** Turns one sentence's token states into an L2-normalised vector. */
public final class Pooler {

    private Pooler() {}

    /**
     * Pools {@code states}, laid out token by token ({@code tokens × dimensions}, row-major), over
     * the tokens whose {@code mask} is 1, then scales the result to unit length.
     *
     * @throws IllegalArgumentException if the sizes disagree or no token is unmasked
     */
    public static float[] pool(float[] states, long[] mask, int dimensions, Pooling pooling) {
        if (states.length != mask.length * dimensions) {
            throw new IllegalArgumentException("expected " + mask.length + " × " + dimensions
                    + " hidden states, got " + states.length + " values");
        }
        return pool(states, 0, mask, dimensions, pooling);
    }

    /**
     * Pools the {@code mask.length × dimensions} hidden states that start at {@code start} in
     * {@code states} (one row of a batch), as {@link #pool(float[], long[], int, Pooling)} does.
     */
    public static float[] pool(float[] states, int start, long[] mask, int dimensions, Pooling pooling) {
        int tokens = mask.length;
        if (start < 0 || start + (long) tokens * dimensions > states.length) {
            throw new IllegalArgumentException("rows of " + tokens + " × " + dimensions + " hidden states from "
                    + start + " exceed the " + states.length + " values");
        }
        double[] sum = new double[dimensions];
        if (pooling == Pooling.CLS) {
            for (int d = 0; d < dimensions; d++) {
                sum[d] = states[start + d];
            }
        } else {
            int counted = 0;
            for (int t = 0; t < tokens; t++) {
                if (mask[t] == 0) {
                    continue;
                }
                counted++;
                int offset = start + t * dimensions;
                for (int d = 0; d < dimensions; d++) {
                    sum[d] += states[offset + d];
                }
            }
            if (counted == 0) {
                throw new IllegalArgumentException("attention mask has no token to pool");
            }
            for (int d = 0; d < dimensions; d++) {
                sum[d] /= counted;
            }
        }
        return normalise(sum);
    }

    /** {@code v / max(|v|, 1e-12)}, as sentence-transformers' Normalize does. */
    static float[] normalise(double[] v) {
        double squares = 0;
        for (double x : v) {
            squares += x * x;
        }
        double norm = Math.max(Math.sqrt(squares), 1e-12);
        float[] result = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            result[i] = (float) (v[i] / norm);
        }
        return result;
    }
}
