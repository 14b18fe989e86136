package org.baihua.plugins.medical.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.baihua.sdk.DataRecord;

/**
 * Builds records from a patient's resources. One record per clinical document (DocumentReference,
 * DiagnosticReport with text), or one per patient when the patient has no document. Each record
 * takes, per field, the reading from the document's own encounter when there is one, else the
 * latest reading not after the document (later results would leak the outcome into the inputs);
 * its label comes from the encounter's Conditions when it has any, else from all the patient's.
 */
final class RecordAssembler {

    static final String TEXT = "text";
    static final String AGE = "age";
    static final String BMI = "bmi";

    private final FhirOptions options;

    RecordAssembler(FhirOptions options) {
        this.options = Objects.requireNonNull(options, "options is null");
    }

    /** The record of one document of the patient. */
    Map<String, Object> document(PatientGroup patient, PatientGroup.Document document) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(TEXT, document.text());
        values.putAll(fields(patient, document.encounter(), document.time()));
        putLabel(values, patient, document.encounter());
        return values;
    }

    /** The record of a patient without documents: its latest readings and all its diagnoses. */
    Map<String, Object> tabular(PatientGroup patient) {
        Map<String, Object> values = new LinkedHashMap<>(fields(patient, null, null));
        putLabel(values, patient, null);
        return values;
    }

    private Map<String, Object> fields(PatientGroup patient, String encounter, Instant before) {
        Map<String, Reading> chosen = new TreeMap<>();
        for (Reading reading : patient.readings) {
            chosen.computeIfAbsent(reading.field(), field -> pick(patient.readings, field, encounter, before));
        }
        chosen.values().removeIf(Objects::isNull);
        Map<String, Object> values = new TreeMap<>();
        chosen.forEach((field, reading) -> {
            if (!LoincFields.internal(field)) {
                values.put(field, reading.value());
            }
        });
        Reading weight = chosen.get(LoincFields.BODY_WEIGHT);
        Reading height = chosen.get(LoincFields.BODY_HEIGHT);
        if (!values.containsKey(BMI) && weight != null && height != null && height.value() > 0) {
            double metres = height.value() / 100;
            values.put(BMI, Math.round(weight.value() / (metres * metres) * 10) / 10.0);
        }
        if (!values.containsKey(AGE) && patient.birthDate != null) {
            Instant at = before != null ? before : latestTime(chosen.values());
            if (at != null) {
                values.put(AGE, (double) FhirDates.ageInYears(patient.birthDate, at));
            }
        }
        return values;
    }

    private static Reading pick(List<Reading> readings, String field, String encounter, Instant before) {
        List<Reading> candidates = readings.stream().filter(r -> r.field().equals(field)).toList();
        if (encounter != null) {
            List<Reading> sameEncounter = candidates.stream().filter(r -> encounter.equals(r.encounter())).toList();
            if (!sameEncounter.isEmpty()) {
                return latest(sameEncounter);
            }
        }
        if (before != null) {
            List<Reading> earlier = candidates.stream()
                    .filter(r -> r.time() == null || !r.time().isAfter(before)).toList();
            return earlier.isEmpty() ? null : latest(earlier);
        }
        return latest(candidates);
    }

    /** The reading with the latest time; undated ones count as oldest, ties go to the later entry. */
    private static Reading latest(List<Reading> readings) {
        Reading best = null;
        for (Reading reading : readings) {
            if (best == null || compare(reading.time(), best.time()) >= 0) {
                best = reading;
            }
        }
        return best;
    }

    private static int compare(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    private static Instant latestTime(Iterable<Reading> readings) {
        Instant latest = null;
        for (Reading reading : readings) {
            if (reading.time() != null && (latest == null || reading.time().isAfter(latest))) {
                latest = reading.time();
            }
        }
        return latest;
    }

    private void putLabel(Map<String, Object> values, PatientGroup patient, String encounter) {
        List<PatientGroup.Diagnosis> diagnoses = patient.diagnoses;
        if (encounter != null) {
            List<PatientGroup.Diagnosis> sameEncounter = diagnoses.stream()
                    .filter(d -> encounter.equals(d.encounter())).toList();
            if (!sameEncounter.isEmpty()) {
                diagnoses = sameEncounter;
            }
        }
        if (!options.positiveCodes().isEmpty()) {
            boolean positive = diagnoses.stream()
                    .anyMatch(d -> !Collections.disjoint(d.diagnosis().codes(), options.positiveCodes()));
            values.put(DataRecord.LABEL, positive ? "positive" : "negative");
            return;
        }
        TreeSet<String> labels = new TreeSet<>();
        for (PatientGroup.Diagnosis diagnosis : diagnoses) {
            if (diagnosis.diagnosis().label() != null) {
                labels.add(diagnosis.diagnosis().label());
            }
        }
        if (!labels.isEmpty()) {
            // Several diagnoses give a '|'-separated value: labels of a multilabel task, rejected by a multiclass one.
            values.put(DataRecord.LABEL, String.join("|", new ArrayList<>(labels)));
        }
    }
}
