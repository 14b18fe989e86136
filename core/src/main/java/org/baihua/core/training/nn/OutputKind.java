package org.baihua.core.training.nn;

/** The output layer of a head: softmax over classes (binary, multiclass) or one sigmoid per label (multilabel). */
public enum OutputKind {
    SOFTMAX,
    SIGMOID;

    /** Turns {@code rows} rows of {@code k} logits into probabilities, in place. */
    public void probabilities(float[] logits, int rows, int k) {
        for (int i = 0; i < rows; i++) {
            int o = i * k;
            if (this == SIGMOID) {
                for (int j = 0; j < k; j++) {
                    logits[o + j] = (float) sigmoid(logits[o + j]);
                }
            } else {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    max = Math.max(max, logits[o + j]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += Math.exp(logits[o + j] - max);
                }
                for (int j = 0; j < k; j++) {
                    logits[o + j] = (float) (Math.exp(logits[o + j] - max) / sum);
                }
            }
        }
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
