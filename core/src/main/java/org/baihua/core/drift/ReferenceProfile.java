package org.baihua.core.drift;

import java.util.List;
import java.util.Objects;

/**
 * What a model version's inputs and answers looked like at training, the yardstick its drift is
 * measured against. Computed once by {@link ProfileBuilder} and stored with the version (in its
 * {@code pipeline.json}, so it survives restarts and travels with an exported artifact). Versions
 * trained before profiles existed have none.
 *
 * @param format layout version of this document
 * @param rows training rows profiled (inputs and embeddings)
 * @param heldOutRows rows the predicted-label distribution was measured on (validation and test
 *     splits; the training rows when the version has neither)
 * @param numeric one profile per numeric input
 * @param categorical one profile per categorical input
 * @param text one profile per text input
 * @param labels the predicted-label distribution on the held-out rows
 */
public record ReferenceProfile(int format, int rows, int heldOutRows, List<NumericInput> numeric,
                               List<CategoricalInput> categorical, List<TextInput> text, Histogram labels) {

    /** The current format. */
    public static final int FORMAT = 1;

    public ReferenceProfile {
        numeric = List.copyOf(Objects.requireNonNull(numeric, "numeric is null"));
        categorical = List.copyOf(Objects.requireNonNull(categorical, "categorical is null"));
        text = List.copyOf(Objects.requireNonNull(text, "text is null"));
        Objects.requireNonNull(labels, "labels is null");
    }

    /**
     * Proportions over fixed bins. Numeric bins are {@code (-inf, e0], (e0, e1], ..., (e_last, inf)}
     * followed by a last bin for missing values, so {@code proportions} has {@code edges + 2} entries.
     *
     * @param edges upper bin edges, ascending (empty for a histogram of named slots)
     * @param proportions the share of each bin, summing to 1
     */
    public record Histogram(List<Double> edges, List<Double> proportions) {
        public Histogram {
            edges = List.copyOf(Objects.requireNonNull(edges, "edges is null"));
            proportions = List.copyOf(Objects.requireNonNull(proportions, "proportions is null"));
        }

        /** The numeric bin of {@code value} (null: the missing bin). */
        public int bin(Double value) {
            if (value == null || value.isNaN()) {
                return edges.size() + 1;
            }
            int low = 0;
            int high = edges.size();
            while (low < high) { // first edge >= value
                int mid = (low + high) >>> 1;
                if (edges.get(mid) < value) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    /**
     * A numeric input: decile bins of its training values and a missing bin.
     *
     * @param field the field
     * @param mean mean of its present training values
     * @param values the histogram
     */
    public record NumericInput(String field, double mean, Histogram values) {}

    /**
     * A categorical input: the share of each category seen in training (the most frequent ones),
     * then of any other value, then of missing values.
     *
     * @param field the field
     * @param categories the categories with a slot of their own
     * @param values proportions over {@code categories}, other, missing
     */
    public record CategoricalInput(String field, List<String> categories, Histogram values) {}

    /**
     * A text input: its length in characters (after the plugin's preprocessing), and its embedding:
     * the centroid and spread over all rows and per class, and the distribution of each row's distance
     * to its nearest class centroid in units of that class's spread.
     *
     * @param field the field
     * @param offset where its embedding starts in the feature vector
     * @param width the embedding's dimensions
     * @param length decile bins of text length and a missing bin
     * @param centroid mean embedding of the rows with this text
     * @param spread root-mean-square distance of those embeddings to {@code centroid}
     * @param classes centroid and spread per label
     * @param distance decile bins of the nearest-class distance (in spreads) and a missing bin
     */
    public record TextInput(String field, int offset, int width, Histogram length, float[] centroid, double spread,
                            List<ClassCentroid> classes, Histogram distance) {}

    /**
     * The embeddings of one class of a text input.
     *
     * @param label the label
     * @param rows training rows of this label with the text
     * @param centroid their mean embedding
     * @param spread root-mean-square distance to {@code centroid}, never 0
     * @param meanLength their mean text length in characters
     */
    public record ClassCentroid(String label, int rows, float[] centroid, double spread, double meanLength) {}
}
