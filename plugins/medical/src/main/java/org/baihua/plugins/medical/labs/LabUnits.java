package org.baihua.plugins.medical.labs;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts laboratory and vital-sign values to the unit each medical record field is kept in, for
 * example glucose in mmol/L to mg/dL (1 mmol/L = 18.016 mg/dL, from glucose's molar mass of
 * 180.16 g/mol) or insulin in pmol/L to &micro;U/mL (6.0 pmol/L per &micro;U/mL). A value without a
 * unit is taken to be in the canonical unit.
 */
public final class LabUnits {

    private static final Pattern VALUE_WITH_UNIT =
            Pattern.compile("\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(.*?)\\s*");

    private final Map<String, LabQuantity> quantities;

    /** Units for the given quantities, keyed by field. */
    public LabUnits(Map<String, LabQuantity> quantities) {
        this.quantities = Map.copyOf(Objects.requireNonNull(quantities, "quantities is null"));
    }

    /** The quantities of the medical domain's tasks, plus body weight and height (from which BMI is derived). */
    public static LabUnits standard() {
        return new LabUnits(Map.of(
                "glucose", new LabQuantity("glucose", "mg/dL", true,
                        Map.of("mg/dl", 1.0, "mmol/l", 18.016, "g/l", 100.0)),
                "insulin", new LabQuantity("insulin", "uU/mL", true,
                        Map.of("uu/ml", 1.0, "uiu/ml", 1.0, "mu/l", 1.0, "miu/l", 1.0, "pmol/l", 1 / 6.0)),
                "blood_pressure", new LabQuantity("blood_pressure", "mmHg", true,
                        Map.of("mmhg", 1.0, "kpa", 7.50062)),
                "skin_thickness", new LabQuantity("skin_thickness", "mm", true, Map.of("mm", 1.0, "cm", 10.0)),
                "bmi", new LabQuantity("bmi", "kg/m2", false, Map.of("kg/m2", 1.0)),
                "age", new LabQuantity("age", "years", false, Map.of("a", 1.0, "y", 1.0, "yr", 1.0, "yrs", 1.0,
                        "year", 1.0, "years", 1.0, "mo", 1 / 12.0, "months", 1 / 12.0)),
                "pregnancies", new LabQuantity("pregnancies", "1", false,
                        Map.of("1", 1.0, "{#}", 1.0, "#", 1.0, "{count}", 1.0)),
                "body_weight", new LabQuantity("body_weight", "kg", true,
                        Map.of("kg", 1.0, "g", 0.001, "lb", 0.45359237, "lbs", 0.45359237)),
                "body_height", new LabQuantity("body_height", "cm", true,
                        Map.of("cm", 1.0, "m", 100.0, "mm", 0.1, "in", 2.54))));
    }

    /** Whether values of {@code field} have a known unit. */
    public boolean knows(String field) {
        return quantities.containsKey(field);
    }

    /** The quantity of a field, or null. */
    public LabQuantity quantity(String field) {
        return quantities.get(field);
    }

    /**
     * The value in the field's canonical unit.
     *
     * @param unit the unit as written (UCUM code or free text); null or blank for none
     * @param unitRequired whether a missing unit is an error (coded sources) rather than the canonical unit
     * @throws IllegalArgumentException for an unknown unit, or a missing one when required
     */
    public double toCanonical(String field, double value, String unit, boolean unitRequired) {
        LabQuantity quantity = quantities.get(field);
        if (quantity == null) {
            return value;
        }
        String key = normaliseUnit(unit);
        if (key.isEmpty()) {
            if (unitRequired && quantity.unitRequired()) {
                throw new IllegalArgumentException(field + " value " + value + " has no unit; give one of " + accepted(quantity));
            }
            return value;
        }
        Double factor = quantity.factors().get(key);
        if (factor == null) {
            throw new IllegalArgumentException(
                    field + " unit '" + unit + "' is not known; give one of " + accepted(quantity));
        }
        return value * factor;
    }

    /**
     * Parses a value written with or without its unit ({@code 7.8 mmol/L}, {@code 140}) into the
     * field's canonical unit; null for blank text.
     *
     * @throws IllegalArgumentException when the text is not a number, or its unit is unknown
     */
    public Double parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher matcher = VALUE_WITH_UNIT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(field + " value '" + text + "' is not a number");
        }
        double value = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2);
        if (!unit.isEmpty() && !quantities.containsKey(field)) {
            throw new IllegalArgumentException(field + " value '" + text + "' is not a number");
        }
        return toCanonical(field, value, unit, false);
    }

    /** A unit in the form the factor tables use: lower case, no spaces, micro as u, UCUM brackets removed. */
    public static String normaliseUnit(String unit) {
        if (unit == null) {
            return "";
        }
        String key = unit.strip().toLowerCase(Locale.ROOT)
                .replace(" ", "")
                .replace('\u00b5', 'u')
                .replace('\u03bc', 'u')
                .replace("\u00b2", "2")
                .replace("^2", "2")
                .replace("[hg]", "hg")
                .replace("[iu]", "iu")
                .replace("[lb_av]", "lb")
                .replace("[in_i]", "in");
        return key;
    }

    private static String accepted(LabQuantity quantity) {
        return String.join(", ", new TreeSet<>(quantity.factors().keySet())) + " (canonical " + quantity.canonicalUnit() + ")";
    }
}
