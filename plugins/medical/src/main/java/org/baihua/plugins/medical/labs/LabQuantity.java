package org.baihua.plugins.medical.labs;

import java.util.Map;
import java.util.Objects;

/**
 * A measured quantity a medical record field holds, with the unit the field is kept in and the
 * factors that convert other units into it.
 *
 * @param field the record field, for example {@code glucose}
 * @param canonicalUnit the unit the field is kept in, for example {@code mg/dL}
 * @param unitRequired whether a value from a coded source (FHIR) must state its unit
 * @param factors normalised unit (see {@link LabUnits#normaliseUnit}) &rarr; factor to the canonical unit
 */
public record LabQuantity(String field, String canonicalUnit, boolean unitRequired, Map<String, Double> factors) {

    public LabQuantity {
        Objects.requireNonNull(field, "field is null");
        Objects.requireNonNull(canonicalUnit, "canonicalUnit is null");
        factors = Map.copyOf(factors);
        if (factors.isEmpty()) {
            throw new IllegalArgumentException("quantity '" + field + "' accepts no unit");
        }
    }
}
