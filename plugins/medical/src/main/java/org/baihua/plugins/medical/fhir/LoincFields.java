package org.baihua.plugins.medical.fhir;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which record field an Observation's LOINC code fills. The defaults cover the diabetes-risk
 * inputs; a user adds others with the adapter's {@code loinc} option.
 */
final class LoincFields {

    static final String LOINC = "http://loinc.org";
    static final String BODY_WEIGHT = "body_weight";
    static final String BODY_HEIGHT = "body_height";

    private final Map<String, String> fieldByCode;

    private LoincFields(Map<String, String> fieldByCode) {
        this.fieldByCode = Map.copyOf(fieldByCode);
    }

    /** The defaults plus {@code extra} (which wins on a shared code). */
    static LoincFields withDefaults(Map<String, String> extra) {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("2345-7", "glucose");          // Glucose [Mass/volume] in Serum or Plasma
        codes.put("2339-0", "glucose");          // Glucose [Mass/volume] in Blood
        codes.put("14749-6", "glucose");         // Glucose [Moles/volume] in Serum or Plasma
        codes.put("15074-8", "glucose");         // Glucose [Moles/volume] in Blood
        codes.put("20448-7", "insulin");         // Insulin [Units/volume] in Serum or Plasma
        codes.put("8462-4", "blood_pressure");   // Diastolic blood pressure
        codes.put("39156-5", "bmi");             // Body mass index
        codes.put("11996-6", "pregnancies");     // [#] Pregnancies
        codes.put("30525-0", "age");             // Age
        codes.put("29463-7", BODY_WEIGHT);       // Body weight, for BMI when none is recorded
        codes.put("8302-2", BODY_HEIGHT);        // Body height, for BMI when none is recorded
        codes.putAll(extra);
        return new LoincFields(codes);
    }

    /** The field for a LOINC code, or null when the code is not mapped. */
    String field(String code) {
        return fieldByCode.get(code);
    }

    /** Fields that only help derive others and never appear in a record. */
    static boolean internal(String field) {
        return BODY_WEIGHT.equals(field) || BODY_HEIGHT.equals(field);
    }
}
