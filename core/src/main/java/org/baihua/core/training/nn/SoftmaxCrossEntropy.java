package org.baihua.core.training.nn;

/**
 * Softmax cross-entropy with per-class weights and label smoothing, for binary and multiclass heads.
 * A row's loss is weighted by the weight of its true class; the mean is taken over rows.
 */
public final class SoftmaxCrossEntropy implements Loss {

    private final float[] classWeights;
    private final double smoothing;

    /**
     * @param classWeights one weight per class, &gt; 0
     * @param smoothing label smoothing in [0, 1): the target puts {@code smoothing / k} on every class
     */
    public SoftmaxCrossEntropy(float[] classWeights, double smoothing) {
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), was " + smoothing);
        }
        this.classWeights = classWeights.clone();
        this.smoothing = smoothing;
    }

    @Override
    public double lossAndGradient(float[][] logitRows, float[][] targetRows, int rows, float[][] gradRows) {
        int k = classWeights.length;
        double total = 0;
        double uniform = smoothing / k;
        double[] logp = new double[k];
        for (int i = 0; i < rows; i++) {
            float[] logits = logitRows[i];
            float[] targets = targetRows[i];
            float[] grad = gradRows[i];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits[j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logits[j] - max);
            }
            double logSum = Math.log(sum) + max;
            double weight = 0;
            for (int j = 0; j < k; j++) {
                logp[j] = logits[j] - logSum;
                weight += targets[j] * classWeights[j];
            }
            double rowLoss = 0;
            for (int j = 0; j < k; j++) {
                double t = (1 - smoothing) * targets[j] + uniform;
                rowLoss -= t * logp[j];
                grad[j] = (float) (weight * (Math.exp(logp[j]) - t) / rows);
            }
            total += weight * rowLoss;
        }
        return total / rows;
    }
}
