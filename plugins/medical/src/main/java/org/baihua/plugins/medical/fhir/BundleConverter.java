package org.baihua.plugins.medical.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.baihua.plugins.medical.labs.LabUnits;

/**
 * Turns one FHIR R4 Bundle into records: groups its resources by patient, reads each one, and
 * hands every record and every unreadable entry to an {@link Output}. Resources of other types
 * (Practitioner, Encounter, Medication...) and Observations with unmapped codes are not rows and are
 * passed over.
 */
final class BundleConverter {

    /** Where the records and rejected entries of a bundle go, by 1-based entry number. */
    interface Output {
        void record(int entryNumber, Map<String, Object> values);

        void reject(int entryNumber, String reason);
    }

    private static final Pattern LOCAL_REFERENCE = Pattern.compile("(?:^|/)([A-Z][A-Za-z]+/[^/]+?)(?:/_history/[^/]+)?$");
    private static final Set<String> UNUSABLE_STATUS = Set.of("entered-in-error", "cancelled");

    private final RecordAssembler assembler;
    private final ObservationReader observations;
    private final ConditionReader conditions;
    private final DocumentTextReader documents = new DocumentTextReader();

    BundleConverter(FhirOptions options, LabUnits units) {
        Objects.requireNonNull(options, "options is null");
        this.assembler = new RecordAssembler(options);
        this.observations = new ObservationReader(LoincFields.withDefaults(options.extraLoinc()), units);
        this.conditions = new ConditionReader(options);
    }

    /**
     * Converts a bundle.
     *
     * @throws IllegalArgumentException when {@code bundle} is not a Bundle
     */
    void convert(JsonNode bundle, Output output) {
        if (!bundle.isObject() || !"Bundle".equals(bundle.path("resourceType").asText())) {
            throw new IllegalArgumentException("not a FHIR Bundle: resourceType is '" + bundle.path("resourceType").asText("") + "'");
        }
        Map<String, FhirEntry> entries = new LinkedHashMap<>();
        Map<String, String> aliases = new HashMap<>();
        int number = 0;
        for (JsonNode entry : bundle.path("entry")) {
            number++;
            JsonNode resource = entry.path("resource");
            if (!resource.isObject() || resource.path("resourceType").asText("").isEmpty()) {
                output.reject(number, "entry " + number + " has no resource with a resourceType");
                continue;
            }
            FhirEntry read = new FhirEntry(number, FhirJson.text(entry, "fullUrl"), resource);
            entries.put(Integer.toString(number), read);
            if (read.fullUrl() != null) {
                aliases.put(read.fullUrl(), read.localReference());
            }
        }
        Map<String, PatientGroup> patients = new LinkedHashMap<>();
        for (FhirEntry entry : entries.values()) {
            try {
                read(entry, aliases, patients);
            } catch (FhirEntryException e) {
                output.reject(entry.number(), entry.describe() + ": " + e.getMessage());
            }
        }
        for (PatientGroup patient : patients.values()) {
            emit(patient, output);
        }
    }

    private void read(FhirEntry entry, Map<String, String> aliases, Map<String, PatientGroup> patients) {
        JsonNode resource = entry.resource();
        switch (entry.type()) {
            case "Patient" -> {
                PatientGroup patient = group(patients, entry.localReference(), entry.number());
                patient.patientEntryNumber = entry.number();
                String birthDate = FhirJson.text(resource, "birthDate");
                if (birthDate != null) {
                    FhirDates.instant(birthDate, "birthDate");
                    patient.birthDate = FhirDates.date(birthDate);
                }
            }
            case "DocumentReference" -> {
                requireUsable(resource);
                PatientGroup patient = group(patients, subject(resource, aliases), entry.number());
                Instant time = FhirDates.instant(FhirJson.text(resource, "date"), "date");
                if (time == null) {
                    time = FhirDates.instant(FhirJson.text(resource.path("context").path("period"), "start"), "context.period.start");
                }
                String encounter = resolve(FhirJson.firstReference(resource.path("context").path("encounter")), aliases);
                patient.documents.add(new PatientGroup.Document(entry.number(), documents.documentReference(resource), time, encounter));
            }
            case "DiagnosticReport" -> {
                requireUsable(resource);
                PatientGroup patient = group(patients, subject(resource, aliases), entry.number());
                String text = documents.diagnosticReport(resource);
                if (text != null) {
                    Instant time = FhirDates.instant(firstOf(FhirJson.text(resource, "effectiveDateTime"),
                            FhirJson.text(resource.path("effectivePeriod"), "start"), FhirJson.text(resource, "issued")),
                            "effective time");
                    String encounter = resolve(FhirJson.reference(resource.path("encounter")), aliases);
                    patient.documents.add(new PatientGroup.Document(entry.number(), text, time, encounter));
                }
            }
            case "Observation" -> {
                String encounter = resolve(FhirJson.reference(resource.path("encounter")), aliases);
                var readings = observations.read(resource, encounter);
                if (!readings.isEmpty()) {
                    PatientGroup patient = group(patients, subject(resource, aliases), entry.number());
                    patient.readings.addAll(readings);
                    readings.forEach(r -> patient.readingEntryNumbers.add(entry.number()));
                }
            }
            case "Condition" -> {
                PatientGroup patient = group(patients, subject(resource, aliases), entry.number());
                String encounter = resolve(FhirJson.reference(resource.path("encounter")), aliases);
                patient.diagnoses.add(new PatientGroup.Diagnosis(conditions.read(resource), encounter));
            }
            default -> {
                // not a row: practitioners, organisations, encounters and the like carry no record values
            }
        }
    }

    private void emit(PatientGroup patient, Output output) {
        if (!patient.documents.isEmpty()) {
            for (PatientGroup.Document document : patient.documents) {
                output.record(document.entryNumber(), assembler.document(patient, document));
            }
        } else if (!patient.readings.isEmpty()) {
            output.record(patient.tabularEntryNumber(), assembler.tabular(patient));
        } else {
            output.reject(patient.firstEntryNumber,
                    "patient '" + patient.key + "' has no document text and no mapped observation, so it gives no record");
        }
    }

    private static PatientGroup group(Map<String, PatientGroup> patients, String key, int entryNumber) {
        return patients.computeIfAbsent(key, k -> new PatientGroup(k, entryNumber));
    }

    private static void requireUsable(JsonNode resource) {
        String status = FhirJson.text(resource, "status");
        if (status != null && UNUSABLE_STATUS.contains(status)) {
            throw new FhirEntryException("status '" + status + "': not used");
        }
    }

    private static String subject(JsonNode resource, Map<String, String> aliases) {
        String reference = FhirJson.reference(resource.path("subject"));
        if (reference == null) {
            throw new FhirEntryException("has no subject reference, so it belongs to no patient");
        }
        return resolve(reference, aliases);
    }

    /** A reference in the form {@code Type/id}, whether written as a fullUrl, an absolute URL or a local reference. */
    private static String resolve(String reference, Map<String, String> aliases) {
        if (reference == null) {
            return null;
        }
        String alias = aliases.get(reference);
        if (alias != null) {
            return alias;
        }
        Matcher matcher = LOCAL_REFERENCE.matcher(reference);
        return matcher.find() ? matcher.group(1) : reference;
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
