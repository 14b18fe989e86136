package org.baihua.plugins.medical.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** What a bundle holds about one patient: its documents, readings and diagnoses, in bundle order. */
final class PatientGroup {

    /** A clinical text and where it came from. */
    record Document(int entryNumber, String text, Instant time, String encounter) {}

    /** A Condition's contribution to labels, with its encounter. */
    record Diagnosis(ConditionReader.Diagnosis diagnosis, String encounter) {}

    final String key;
    final int firstEntryNumber;
    int patientEntryNumber;
    LocalDate birthDate;
    final List<Document> documents = new ArrayList<>();
    final List<Reading> readings = new ArrayList<>();
    final List<Integer> readingEntryNumbers = new ArrayList<>();
    final List<Diagnosis> diagnoses = new ArrayList<>();

    PatientGroup(String key, int firstEntryNumber) {
        this.key = key;
        this.firstEntryNumber = firstEntryNumber;
    }

    /** The entry a record without a document reports as its line: the Patient, else the first reading. */
    int tabularEntryNumber() {
        if (patientEntryNumber > 0) {
            return patientEntryNumber;
        }
        return readingEntryNumbers.isEmpty() ? firstEntryNumber : readingEntryNumbers.get(0);
    }
}
