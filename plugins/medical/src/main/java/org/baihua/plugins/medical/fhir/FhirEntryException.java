package org.baihua.plugins.medical.fhir;

/** A bundle entry that cannot be read; its message is the reason reported to the user. */
final class FhirEntryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FhirEntryException(String reason) {
        super(reason);
    }
}
