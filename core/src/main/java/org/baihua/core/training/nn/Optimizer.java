package org.baihua.core.training.nn;

import java.util.List;
import java.util.Objects;
import org.baihua.sdk.OptimizerSpec;

/**
 * Updates parameters from their gradients: SGD with momentum, Adam (L2 weight decay added to the
 * gradient) or AdamW (decoupled weight decay). Weight decay applies to weight matrices only, not
 * to biases.
 */
public final class Optimizer {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final OptimizerSpec spec;
    private final List<float[]> parameters;
    private final boolean[] decay;
    private final float[][] first;
    private final float[][] second;
    private long steps;

    /**
     * @param parameters the arrays updated in place
     * @param decay for each array, whether weight decay applies to it
     */
    public Optimizer(OptimizerSpec spec, List<float[]> parameters, boolean[] decay) {
        this.spec = Objects.requireNonNull(spec, "spec is null");
        this.parameters = List.copyOf(parameters);
        if (decay.length != parameters.size()) {
            throw new IllegalArgumentException("one decay flag per parameter array is needed");
        }
        this.decay = decay.clone();
        this.first = new float[parameters.size()][];
        this.second = new float[parameters.size()][];
        for (int p = 0; p < parameters.size(); p++) {
            first[p] = new float[parameters.get(p).length];
            if (spec.kind() != OptimizerSpec.Kind.SGD) {
                second[p] = new float[parameters.get(p).length];
            }
        }
    }

    /** Applies one update with learning rate {@code lr}; {@code gradients} match the parameters. */
    public void step(List<float[]> gradients, double lr) {
        steps++;
        // bias corrections once per step, not per array: a head has hundreds of small weight rows
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        for (int p = 0; p < parameters.size(); p++) {
            float[] w = parameters.get(p);
            float[] g = gradients.get(p);
            double wd = decay[p] ? spec.weightDecay() : 0;
            switch (spec.kind()) {
                case SGD -> sgd(w, g, first[p], lr, wd);
                case ADAM -> adam(w, g, first[p], second[p], lr, wd, false, correction1, correction2);
                case ADAMW -> adam(w, g, first[p], second[p], lr, wd, true, correction1, correction2);
            }
        }
    }

    private void sgd(float[] w, float[] g, float[] velocity, double lr, double wd) {
        float momentum = (float) spec.momentum();
        float rate = (float) lr;
        float decayRate = (float) wd;
        for (int i = 0; i < w.length; i++) {
            velocity[i] = momentum * velocity[i] + g[i] + decayRate * w[i];
            w[i] -= rate * velocity[i];
        }
    }

    private static void adam(float[] w, float[] g, float[] m, float[] v, double lr, double wd, boolean decoupled,
                             double correction1, double correction2) {
        float stepSize = (float) (lr / correction1);
        float rootCorrection2 = (float) Math.sqrt(correction2);
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float l2 = decoupled ? 0f : (float) wd;
        float shrink = decoupled ? (float) (1 - lr * wd) : 1f;
        float eps = (float) EPSILON;
        for (int i = 0; i < w.length; i++) {
            float grad = g[i] + l2 * w[i];
            m[i] = b1 * m[i] + (1 - b1) * grad;
            v[i] = b2 * v[i] + (1 - b2) * grad * grad;
            w[i] = shrink * w[i] - stepSize * m[i] / ((float) Math.sqrt(v[i]) / rootCorrection2 + eps);
        }
    }
}
