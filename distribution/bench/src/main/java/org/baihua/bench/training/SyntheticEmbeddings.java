package org.baihua.bench.training;

import java.util.Random;

/**
 * A seeded stand-in for sentence embeddings: L2-normalised vectors around one random direction per
 * class, with enough noise that no head reaches perfect scores. Same shape as real MiniLM output
 * (384 dimensions, unit length).
 *
 * @param x one unit vector per row
 * @param y the class of each row
 * @param classes number of classes
 */
record SyntheticEmbeddings(float[][] x, int[] y, int classes) {

    /**
     * Length of the class direction added to unit-scale noise; tuned so that a linear head reaches a
     * macro-F1 near 0.9 rather than 1.
     */
    static final double SIGNAL = 0.1;

    static SyntheticEmbeddings generate(int rows, int dimensions, int classes, long seed) {
        Random centres = new Random(1234); // the same class directions for every split
        double[][] centre = new double[classes][dimensions];
        for (double[] c : centre) {
            double norm = 0;
            for (int d = 0; d < dimensions; d++) {
                c[d] = centres.nextGaussian();
                norm += c[d] * c[d];
            }
            for (int d = 0; d < dimensions; d++) {
                c[d] /= Math.sqrt(norm); // unit length
            }
        }
        Random random = new Random(seed);
        float[][] x = new float[rows][dimensions];
        int[] y = new int[rows];
        double noise = 1 / Math.sqrt(dimensions);
        for (int r = 0; r < rows; r++) {
            int c = random.nextInt(classes);
            y[r] = c;
            double norm = 0;
            double[] v = new double[dimensions];
            for (int d = 0; d < dimensions; d++) {
                v[d] = centre[c][d] * SIGNAL + random.nextGaussian() * noise;
                norm += v[d] * v[d];
            }
            for (int d = 0; d < dimensions; d++) {
                x[r][d] = (float) (v[d] / Math.sqrt(norm));
            }
        }
        return new SyntheticEmbeddings(x, y, classes);
    }
}
