package org.baihua.plugins.finance.preprocess;

import java.util.regex.Pattern;
import org.baihua.sdk.DataRecord;

/** Reading and scaling money amounts. */
final class Amounts {

    private static final Pattern PLAIN = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    /** {@code 1,234,567.89}: commas only as thousands separators, followed by a decimal point or nothing. */
    private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?");

    private Amounts() {}

    /**
     * The amount in {@code field}, or null when missing. Accepts plain decimals ({@code 1234.5}) and
     * comma-grouped thousands with a decimal point ({@code 1,234.50}); a decimal comma
     * ({@code 12,50}) is refused, because {@code 1,234} would then be ambiguous.
     *
     * @throws IllegalArgumentException naming the line and field when the amount cannot be read
     */
    static Double read(DataRecord record, String field) {
        Object value = record.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Double d) {
            return requireFinite(record, field, d);
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("line " + record.line() + ": field '" + field + "' is a list, not an amount");
        }
        String t = s.trim().replace(" ", "");
        if (t.isEmpty()) {
            return null;
        }
        if (GROUPED.matcher(t).matches()) {
            t = t.replace(",", "");
        } else if (!PLAIN.matcher(t).matches()) {
            throw new IllegalArgumentException("line " + record.line() + ": field '" + field + "' is not an amount: '" + s
                    + "' (write plain numbers such as 1234.50; a decimal comma is ambiguous)");
        }
        return requireFinite(record, field, Double.parseDouble(t));
    }

    /** Sign-preserving log scale: {@code sign(a) * ln(1 + |a|)}, so refunds stay negative and 0 stays 0. */
    static double signedLog(double amount) {
        return Math.signum(amount) * Math.log1p(Math.abs(amount));
    }

    private static double requireFinite(DataRecord record, String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("line " + record.line() + ": field '" + field + "' is not finite: " + value);
        }
        return value;
    }
}
