package org.baihua.plugins.medical.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** Reads the label values and codes of a Condition, as the adapter's options ask. */
final class ConditionReader {

    private static final Set<String> UNUSABLE_VERIFICATION = Set.of("refuted", "entered-in-error");

    private final FhirOptions options;

    ConditionReader(FhirOptions options) {
        this.options = Objects.requireNonNull(options, "options is null");
    }

    /**
     * What this Condition contributes to a label: its code, display or text (per {@code labelFrom}),
     * restricted to codings of {@code labelSystem} when set; and every code it carries, for
     * {@code positiveCodes}.
     *
     * @throws FhirEntryException when the Condition is refuted or entered in error, or has no usable code
     */
    Diagnosis read(JsonNode condition) {
        String verification = FhirJson.statusCode(condition.path("verificationStatus"));
        if (verification != null && UNUSABLE_VERIFICATION.contains(verification)) {
            throw new FhirEntryException("verificationStatus '" + verification + "': not used as a label");
        }
        JsonNode code = condition.path("code");
        Set<String> codes = new LinkedHashSet<>();
        String label = null;
        for (JsonNode coding : FhirJson.codings(code)) {
            boolean systemMatches = options.labelSystem() == null
                    || options.labelSystem().equals(FhirJson.text(coding, "system"));
            String value = FhirJson.text(coding, "code");
            if (value == null || !systemMatches) {
                continue;
            }
            codes.add(value);
            if (label == null) {
                label = switch (options.labelFrom()) {
                    case CODE -> value;
                    case DISPLAY -> FhirJson.text(coding, "display");
                    case TEXT -> FhirJson.text(code, "text");
                };
            }
        }
        if (label == null && options.labelFrom() == FhirOptions.LabelFrom.TEXT && options.labelSystem() == null) {
            label = FhirJson.text(code, "text");
        }
        if (label == null && codes.isEmpty()) {
            throw new FhirEntryException("has no code" + (options.labelSystem() == null ? "" : " of system " + options.labelSystem())
                    + " to use as a label");
        }
        if (label == null && options.positiveCodes().isEmpty()) {
            throw new FhirEntryException("has no " + options.labelFrom().name().toLowerCase(java.util.Locale.ROOT)
                    + " to use as a label");
        }
        return new Diagnosis(label == null ? null : label.strip(), codes);
    }

    /**
     * What a Condition gives the label.
     *
     * @param label its label value, or null when only its codes are used
     * @param codes its codes (of the label system, when one is set)
     */
    record Diagnosis(String label, Set<String> codes) {
        Diagnosis {
            codes = Set.copyOf(codes);
        }
    }
}
