package org.baihua.plugins.medical.fhir;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.baihua.sdk.AdapterOptions;

/**
 * The options of the {@code fhir-bundle} adapter.
 *
 * @param ndjson one Bundle per line (NDJSON) instead of one Bundle per file
 * @param labelFrom what of a Condition's code becomes the label
 * @param labelSystem only codings of this system give labels (for example {@code http://snomed.info/sct}); null for any
 * @param positiveCodes when not empty: the label is {@code positive} when the patient has a Condition with
 *     one of these codes and {@code negative} otherwise (binary tasks such as diabetes-risk)
 * @param extraLoinc further LOINC code &rarr; record field mappings, added to the defaults
 */
record FhirOptions(boolean ndjson, LabelFrom labelFrom, String labelSystem, Set<String> positiveCodes,
                   Map<String, String> extraLoinc) {

    /** What of a Condition's code becomes the label. */
    enum LabelFrom { CODE, DISPLAY, TEXT }

    static final Set<String> KEYS = Set.of("ndjson", "labelFrom", "labelSystem", "positiveCodes", "loinc");

    FhirOptions {
        positiveCodes = Set.copyOf(positiveCodes);
        extraLoinc = Map.copyOf(extraLoinc);
    }

    /**
     * Reads the options.
     *
     * @throws IllegalArgumentException for an unknown key or an invalid value, naming it
     */
    static FhirOptions parse(AdapterOptions options) {
        for (String key : options.values().keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("fhir-bundle has no option '" + key + "'; its options are " + new TreeSet<>(KEYS));
            }
        }
        String from = options.get("labelFrom", "code").trim().toUpperCase(Locale.ROOT);
        LabelFrom labelFrom;
        try {
            labelFrom = LabelFrom.valueOf(from);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option 'labelFrom' must be code, display or text, was '"
                    + options.get("labelFrom", "") + "'", e);
        }
        String system = options.get("labelSystem", "").trim();
        return new FhirOptions(options.flag("ndjson", false), labelFrom, system.isEmpty() ? null : system,
                list(options.get("positiveCodes", "")), loinc(options.get("loinc", "")));
    }

    private static Set<String> list(String value) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static Map<String, String> loinc(String value) {
        Map<String, String> mappings = new LinkedHashMap<>();
        for (String item : list(value)) {
            int colon = item.indexOf(':');
            String code = colon < 0 ? "" : item.substring(0, colon).trim();
            String field = colon < 0 ? "" : item.substring(colon + 1).trim();
            if (code.isEmpty() || !field.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(
                        "option 'loinc' takes code:field pairs such as 39106-0:skin_thickness, got '" + item + "'");
            }
            mappings.put(code, field);
        }
        return mappings;
    }
}
