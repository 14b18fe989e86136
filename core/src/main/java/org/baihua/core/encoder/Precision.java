package org.baihua.core.encoder;

import java.util.Locale;

/**
 * The numeric precision of an encoder's weights and activations, which decides how texts may be batched.
 */
public enum Precision {
    /**
     * Float weights and activations: a padded, masked batch gives each text the vector it gets alone
     * (to float rounding), so texts are run in length-bucketed batches.
     */
    FP32,
    /**
     * Dynamically quantised: activations share one scale per batch, padding included, so a text's
     * vector would depend on its neighbours; each text runs alone.
     */
    INT8;

    /**
     * Parses {@code fp32} or {@code int8}, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Precision parse(String value) {
        if (value != null) {
            for (Precision precision : values()) {
                if (precision.name().equalsIgnoreCase(value.trim())) {
                    return precision;
                }
            }
        }
        throw new IllegalArgumentException("precision must be 'fp32' or 'int8', was '" + value + "'");
    }

    /** The lower-case name used in {@code encoder.json}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
