package org.baihua.core.training;

/** Runs a trained head: feature vectors &rarr; label probabilities. Implementations are thread-safe. */
public interface HeadRunner extends AutoCloseable {

    /** Width of the feature vectors. */
    int inputs();

    /** Number of labels. */
    int outputs();

    /**
     * The label probabilities of each row, in label order.
     *
     * @throws IllegalArgumentException if a row has the wrong width (naming the row)
     */
    float[][] probabilities(float[][] x);

    @Override
    void close();
}
