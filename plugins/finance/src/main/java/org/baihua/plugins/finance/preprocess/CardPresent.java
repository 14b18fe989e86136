package org.baihua.plugins.finance.preprocess;

import java.util.Locale;
import org.baihua.sdk.DataRecord;

/** Reads a card-present flag written in any of the ways payment exports write it. */
final class CardPresent {

    private CardPresent() {}

    /**
     * {@code yes}, {@code no}, or null when missing.
     *
     * @throws IllegalArgumentException naming line and field for any other value
     */
    static String read(DataRecord record, String field) {
        String value = record.text(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "t", "1", "present", "cp" -> "yes";
            case "no", "n", "false", "f", "0", "absent", "not present", "cnp" -> "no";
            default -> throw new IllegalArgumentException("line " + record.line() + ": field '" + field
                    + "' must be yes/no (or true/false, 1/0, CP/CNP), was '" + value + "'");
        };
    }
}
