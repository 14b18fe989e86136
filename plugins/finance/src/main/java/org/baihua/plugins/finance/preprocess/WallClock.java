package org.baihua.plugins.finance.preprocess;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.baihua.sdk.DataRecord;

/**
 * The local time of day and day of week of a transaction, read from its timestamp.
 *
 * <p>Accepted: ISO 8601 with an offset or {@code Z} ({@code 2024-03-01T13:45:00+01:00}: the wall
 * clock at that offset, i.e. local time where the transaction happened), local date-times
 * ({@code 2024-03-01T13:45}, {@code 2024-03-01 13:45:00}: taken as written), dates alone (day of
 * week only, no hour), and epoch numbers in UTC (seconds, or milliseconds when the magnitude is
 * above 10<sup>11</sup>, i.e. any date after 1973 written in milliseconds).
 *
 * @param minuteOfDay minutes since local midnight, or null when only the date is known
 * @param dayOfWeek the local day of week
 */
record WallClock(Integer minuteOfDay, DayOfWeek dayOfWeek) {

    private static final double MILLIS_THRESHOLD = 1e11;

    /** The record's timestamp, or null when it has none. */
    static WallClock read(DataRecord record, String field) {
        Object value = record.get(field);
        if (value == null || (value instanceof String s && s.isBlank())) {
            return null;
        }
        if (value instanceof Double d) {
            return fromEpoch(record, field, d);
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("line " + record.line() + ": field '" + field + "' is a list, not a timestamp");
        }
        String t = s.trim();
        try {
            if (t.matches("[+-]?\\d+(\\.\\d+)?")) {
                return fromEpoch(record, field, Double.parseDouble(t));
            }
            if (t.length() == 10) {
                return new WallClock(null, LocalDate.parse(t).getDayOfWeek());
            }
            String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
            LocalDateTime local = hasOffset(iso) ? OffsetDateTime.parse(iso).toLocalDateTime() : LocalDateTime.parse(iso);
            return of(local);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("line " + record.line() + ": field '" + field
                    + "' is not an ISO 8601 timestamp, date or epoch number: '" + s + "'");
        }
    }

    private static boolean hasOffset(String iso) {
        return iso.endsWith("Z") || iso.endsWith("z") || iso.matches(".*T.*[+-]\\d\\d(:?\\d\\d)?$");
    }

    private static WallClock fromEpoch(DataRecord record, String field, double epoch) {
        if (!Double.isFinite(epoch)) {
            throw new IllegalArgumentException("line " + record.line() + ": field '" + field + "' is not finite: " + epoch);
        }
        long millis = Math.abs(epoch) >= MILLIS_THRESHOLD ? (long) epoch : (long) (epoch * 1000);
        return of(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }

    private static WallClock of(LocalDateTime time) {
        return new WallClock(time.getHour() * 60 + time.getMinute(), time.getDayOfWeek());
    }

    /** Angle of the time of day on a 24-hour circle, so 23:59 sits next to 00:00. */
    double hourAngle() {
        return 2 * Math.PI * minuteOfDay / (24 * 60.0);
    }

    /** Angle of the day of week on a 7-day circle, Monday at 0, so Sunday sits next to Monday. */
    double dayAngle() {
        return 2 * Math.PI * (dayOfWeek.getValue() - 1) / 7.0;
    }
}
