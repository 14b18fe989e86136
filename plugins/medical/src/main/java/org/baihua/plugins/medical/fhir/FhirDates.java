package org.baihua.plugins.medical.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** FHIR date and dateTime values (which may be partial: a year, a month) as instants and ages. */
final class FhirDates {

    private FhirDates() {}

    /**
     * The start of a FHIR date or dateTime; a time without an offset is read as UTC.
     *
     * @throws FhirEntryException when the value is not a FHIR date
     */
    static Instant instant(String value, String what) {
        if (value == null) {
            return null;
        }
        try {
            if (value.contains("T")) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException noOffset) {
                    return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                }
            }
            return date(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new FhirEntryException(what + " '" + value + "' is not a FHIR date");
        }
    }

    /** A FHIR date, a partial one taken at the start of its year or month. */
    static LocalDate date(String value) {
        return switch (value.length()) {
            case 4 -> Year.parse(value).atDay(1);
            case 7 -> YearMonth.parse(value).atDay(1);
            default -> LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        };
    }

    /** Whole years from a birth date to an instant. */
    static int ageInYears(LocalDate birthDate, Instant at) {
        return Period.between(birthDate, LocalDate.ofInstant(at, ZoneOffset.UTC)).getYears();
    }
}
