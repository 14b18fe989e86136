package org.baihua.core.training.nn;

/**
 * One sigmoid per label with binary cross-entropy, for multilabel heads. Each label has a weight for
 * its positive and its negative term (class weighting); the mean is taken over rows and labels.
 */
public final class SigmoidBinaryCrossEntropy implements Loss {

    private final float[] positiveWeights;
    private final float[] negativeWeights;

    /** @param positiveWeights weight of each label's positive term; {@code negativeWeights} likewise */
    public SigmoidBinaryCrossEntropy(float[] positiveWeights, float[] negativeWeights) {
        if (positiveWeights.length != negativeWeights.length) {
            throw new IllegalArgumentException("positive and negative weights differ in length");
        }
        this.positiveWeights = positiveWeights.clone();
        this.negativeWeights = negativeWeights.clone();
    }

    @Override
    public double lossAndGradient(float[][] logitRows, float[][] targetRows, int rows, float[][] gradRows) {
        int k = positiveWeights.length;
        double total = 0;
        double scale = 1.0 / ((double) rows * k);
        for (int i = 0; i < rows; i++) {
            float[] logits = logitRows[i];
            float[] targets = targetRows[i];
            float[] grad = gradRows[i];
            for (int j = 0; j < k; j++) {
                double z = logits[j];
                double y = targets[j];
                double wp = positiveWeights[j] * y;
                double wn = negativeWeights[j] * (1 - y);
                // log sigmoid(z) = -softplus(-z); log(1 - sigmoid(z)) = -softplus(z)
                total += wp * Loss.softplus(-z) + wn * Loss.softplus(z);
                double p = OutputKind.sigmoid(z);
                grad[j] = (float) ((wp * (p - 1) + wn * p) * scale);
            }
        }
        return total * scale;
    }
}
