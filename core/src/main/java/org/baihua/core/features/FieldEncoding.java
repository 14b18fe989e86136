package org.baihua.core.features;

import java.util.List;
import java.util.Objects;
import org.baihua.sdk.FieldType;

/**
 * How one input field is encoded, as fitted on the training split. Plain data: it is stored as
 * JSON with the model version.
 *
 * @param name the field name
 * @param type text, numeric or categorical
 * @param offset index of the field's first slot in the feature vector
 * @param width number of slots: encoder dimensions (text), 2 (numeric: value, missing indicator),
 *     vocabulary size + 2 (categorical: values, 'other', missing)
 * @param mean training mean (numeric only, else null)
 * @param std training standard deviation, never 0 (numeric only, else null)
 * @param vocabulary values seen in training, in slot order (categorical only, else null)
 */
public record FieldEncoding(String name, FieldType type, int offset, int width, Double mean, Double std,
                            List<String> vocabulary) {

    public FieldEncoding {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type of field '" + name + "' is null");
        if (offset < 0 || width < 1) {
            throw new IllegalArgumentException("field '" + name + "' has offset " + offset + " and width " + width);
        }
        switch (type) {
            case NUMERIC -> {
                if (mean == null || std == null || !Double.isFinite(mean) || !(std > 0) || Double.isInfinite(std) || width != 2) {
                    throw new IllegalArgumentException("numeric field '" + name + "' needs a finite mean, a std > 0 and width 2");
                }
            }
            case CATEGORICAL -> {
                Objects.requireNonNull(vocabulary, "vocabulary of categorical field '" + name + "' is null");
                if (width != vocabulary.size() + 2) {
                    throw new IllegalArgumentException("categorical field '" + name + "' has width " + width
                            + " but a vocabulary of " + vocabulary.size() + " (+ other + missing)");
                }
            }
            case TEXT -> { }
        }
        vocabulary = vocabulary == null ? null : List.copyOf(vocabulary);
    }

    /** Index of the 'other' slot (categorical): values not seen in training. */
    public int otherSlot() {
        return vocabulary.size();
    }

    /** Index of the 'missing' slot (categorical). */
    public int missingSlot() {
        return vocabulary.size() + 1;
    }
}
