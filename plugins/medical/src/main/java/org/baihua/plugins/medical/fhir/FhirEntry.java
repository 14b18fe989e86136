package org.baihua.plugins.medical.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One entry of a Bundle.
 *
 * @param number the 1-based position of the entry in the bundle
 * @param fullUrl the entry's fullUrl, or null
 * @param resource the resource
 */
record FhirEntry(int number, String fullUrl, JsonNode resource) {

    FhirEntry {
        Objects.requireNonNull(resource, "resource is null");
    }

    String type() {
        return resource.path("resourceType").asText("");
    }

    String id() {
        return resource.path("id").asText("");
    }

    /** {@code Type/id}, the form other resources use to refer to this one. */
    String localReference() {
        return type() + "/" + id();
    }

    /** How error messages name the entry, for example {@code entry 3 (Observation/glu-1)}. */
    String describe() {
        String id = id();
        return "entry " + number + " (" + type() + (id.isEmpty() ? "" : "/" + id) + ")";
    }
}
