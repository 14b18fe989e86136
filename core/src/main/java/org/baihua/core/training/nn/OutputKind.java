package org.baihua.core.training.nn;

/** The output layer of a head: softmax over classes (binary, multiclass) or one sigmoid per label (multilabel). */
public enum OutputKind {
    SOFTMAX,
    SIGMOID;

    /** Turns {@code rows} rows of logits, from row {@code from} on, into probabilities, in place. */
    public void probabilities(float[][] rowsOfLogits, int from, int rows) {
        for (int i = from; i < from + rows; i++) {
            float[] logits = rowsOfLogits[i];
            int k = logits.length;
            if (this == SIGMOID) {
                for (int j = 0; j < k; j++) {
                    logits[j] = (float) sigmoid(logits[j]);
                }
            } else {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    max = Math.max(max, logits[j]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += Math.exp(logits[j] - max);
                }
                for (int j = 0; j < k; j++) {
                    logits[j] = (float) (Math.exp(logits[j] - max) / sum);
                }
            }
        }
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
