package org.baihua.plugins.medical.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Small readers for the FHIR JSON shapes the adapter uses: references, codings and text values. */
final class FhirJson {

    private FhirJson() {}

    /** A text value, or null when absent or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /** The {@code reference} of a Reference element, or null. */
    static String reference(JsonNode reference) {
        return reference == null || reference.isMissingNode() ? null : text(reference, "reference");
    }

    /** The first reference of a Reference or of an array of them (R4's DocumentReference.context.encounter). */
    static String firstReference(JsonNode node) {
        if (node.isArray()) {
            return node.isEmpty() ? null : reference(node.get(0));
        }
        return reference(node);
    }

    /** The codings of a CodeableConcept. */
    static List<JsonNode> codings(JsonNode concept) {
        List<JsonNode> codings = new ArrayList<>();
        concept.path("coding").forEach(codings::add);
        return codings;
    }

    /** The first code of a CodeableConcept such as a status, lower case, or null. */
    static String statusCode(JsonNode concept) {
        for (JsonNode coding : codings(concept)) {
            String code = text(coding, "code");
            if (code != null) {
                return code.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }
}
