package org.baihua.plugins.industrial.sensor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Timestamps and durations as sensor exports write them. */
final class SensorTime {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)");

    private SensorTime() {}

    /**
     * An instant from ISO 8601 with offset ({@code 2024-01-01T00:00:00Z}), a local date-time in
     * {@code zone} ({@code 2024-01-01 00:00:00}), or an epoch number in {@code epochUnit}.
     *
     * @throws IllegalArgumentException with the value when it is none of these
     */
    static Instant parse(String raw, ZoneId zone, String epochUnit) {
        String t = raw.trim();
        try {
            if (t.matches("[+-]?\\d+(\\.\\d+)?")) {
                double epoch = Double.parseDouble(t);
                return Instant.ofEpochMilli(Math.round("ms".equals(epochUnit) ? epoch : epoch * 1000));
            }
            String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
            if (iso.endsWith("Z") || iso.endsWith("z") || iso.matches(".*T.*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(iso.toUpperCase(Locale.ROOT)).toInstant();
            }
            return LocalDateTime.parse(iso).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp '" + raw
                    + "' is not ISO 8601 (2024-01-01T00:00:00Z, 2024-01-01 00:00:00) or an epoch number");
        }
    }

    /**
     * A positive duration: {@code 30s}, {@code 10m}, {@code 10min}, {@code 1h}, {@code 1d},
     * {@code 500ms}, or ISO 8601 ({@code PT10M}).
     *
     * @throws IllegalArgumentException naming the option when it is not one
     */
    static Duration duration(String option, String raw) {
        String t = raw.trim().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = SHORT_DURATION.matcher(t);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m", "min" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(raw.trim().toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("option '" + option + "' must be a duration such as 30s, 10m, 1h or PT10M, was '"
                    + raw + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("option '" + option + "' must be positive, was '" + raw + "'");
        }
        return d;
    }
}
