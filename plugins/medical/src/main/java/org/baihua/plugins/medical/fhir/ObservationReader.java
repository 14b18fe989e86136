package org.baihua.plugins.medical.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.baihua.plugins.medical.labs.LabUnits;

/**
 * Reads an Observation's mapped LOINC values, its own and its components' (a blood pressure panel
 * carries the diastolic value as a component), converting each to its field's canonical unit.
 */
final class ObservationReader {

    private static final String UCUM = "http://unitsofmeasure.org";
    private static final Set<String> UNUSABLE_STATUS = Set.of("entered-in-error", "cancelled");

    private final LoincFields loinc;
    private final LabUnits units;

    ObservationReader(LoincFields loinc, LabUnits units) {
        this.loinc = Objects.requireNonNull(loinc, "loinc is null");
        this.units = Objects.requireNonNull(units, "units is null");
    }

    /**
     * The readings of an Observation; empty when none of its codes is mapped.
     *
     * @throws FhirEntryException when a mapped value cannot be used
     */
    List<Reading> read(JsonNode observation, String encounter) {
        List<Reading> readings = new ArrayList<>();
        String ownField = field(observation.path("code"));
        List<JsonNode> mappedComponents = new ArrayList<>();
        observation.path("component").forEach(component -> {
            if (field(component.path("code")) != null) {
                mappedComponents.add(component);
            }
        });
        if (ownField == null && mappedComponents.isEmpty()) {
            return readings;
        }
        String status = FhirJson.text(observation, "status");
        if (status != null && UNUSABLE_STATUS.contains(status)) {
            throw new FhirEntryException("status '" + status + "': the value is not used");
        }
        Instant time = time(observation);
        if (ownField != null && hasValue(observation)) {
            readings.add(new Reading(ownField, value(observation, ownField), time, encounter));
        }
        for (JsonNode component : mappedComponents) {
            String field = field(component.path("code"));
            if (hasValue(component)) {
                readings.add(new Reading(field, value(component, field), time, encounter));
            }
        }
        if (readings.isEmpty()) {
            String absent = FhirJson.text(observation.path("dataAbsentReason"), "text");
            throw new FhirEntryException("has no value for " + (ownField != null ? ownField : field(mappedComponents.get(0).path("code")))
                    + (absent == null ? "" : " (data absent: " + absent + ")"));
        }
        return readings;
    }

    private String field(JsonNode concept) {
        for (JsonNode coding : FhirJson.codings(concept)) {
            String system = FhirJson.text(coding, "system");
            String code = FhirJson.text(coding, "code");
            // Hand-made bundles often leave out the system; a code from another system is never taken for LOINC.
            if (code != null && (system == null || LoincFields.LOINC.equals(system)) && loinc.field(code) != null) {
                return loinc.field(code);
            }
        }
        return null;
    }

    private static boolean hasValue(JsonNode node) {
        return node.has("valueQuantity") || node.has("valueInteger") || node.has("valueString");
    }

    private double value(JsonNode node, String field) {
        try {
            if (node.has("valueQuantity")) {
                JsonNode quantity = node.get("valueQuantity");
                JsonNode number = quantity.path("value");
                if (!number.isNumber()) {
                    throw new FhirEntryException(field + " valueQuantity.value is not a number: " + number);
                }
                return finite(field, units.toCanonical(field, number.asDouble(), unit(quantity), true));
            }
            if (node.has("valueInteger")) {
                JsonNode number = node.get("valueInteger");
                if (!number.isIntegralNumber()) {
                    throw new FhirEntryException(field + " valueInteger is not an integer: " + number);
                }
                return number.asDouble();
            }
            Double parsed = units.parse(field, node.get("valueString").asText());
            if (parsed == null) {
                throw new FhirEntryException(field + " valueString is blank");
            }
            return finite(field, parsed);
        } catch (IllegalArgumentException e) {
            throw new FhirEntryException(e.getMessage());
        }
    }

    private static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new FhirEntryException(field + " value is not finite");
        }
        return value;
    }

    /** The UCUM code when the quantity is coded in UCUM, else the printed unit. */
    private static String unit(JsonNode quantity) {
        String code = FhirJson.text(quantity, "code");
        if (code != null && UCUM.equals(FhirJson.text(quantity, "system"))) {
            return code;
        }
        String unit = FhirJson.text(quantity, "unit");
        return unit != null ? unit : code;
    }

    private static Instant time(JsonNode observation) {
        String effective = FhirJson.text(observation, "effectiveDateTime");
        if (effective == null) {
            effective = FhirJson.text(observation.path("effectivePeriod"), "start");
        }
        if (effective == null) {
            effective = FhirJson.text(observation, "effectiveInstant");
        }
        if (effective == null) {
            effective = FhirJson.text(observation, "issued");
        }
        return FhirDates.instant(effective, "effective time");
    }
}
