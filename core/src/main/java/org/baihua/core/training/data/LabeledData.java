package org.baihua.core.training.data;

import java.util.Objects;

/**
 * Feature vectors with their targets.
 *
 * @param x one feature vector per row, all of the same width
 * @param y the targets, one per row
 */
public record LabeledData(float[][] x, Targets y) {

    public LabeledData {
        Objects.requireNonNull(x, "x is null");
        Objects.requireNonNull(y, "y is null");
        if (x.length != y.rows()) {
            throw new IllegalArgumentException("x has " + x.length + " rows but the targets have " + y.rows());
        }
    }

    /** Number of rows. */
    public int rows() {
        return x.length;
    }

    /** The given rows, in that order. */
    public LabeledData subset(int[] rows) {
        float[][] picked = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = x[rows[i]];
        }
        return new LabeledData(picked, y.subset(rows));
    }
}
