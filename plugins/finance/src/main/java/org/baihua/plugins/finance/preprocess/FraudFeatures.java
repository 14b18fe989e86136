package org.baihua.plugins.finance.preprocess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.Preprocessor;
import org.baihua.sdk.TaskSpec;
import org.pf4j.Extension;

/**
 * Turns a raw card transaction into the inputs of the {@code fraud} task:
 * <ul>
 *   <li>{@code amount}: sign-preserving {@code ln(1 + |amount|)}, because fraud hides at both
 *       ends of a range that spans cents to thousands;</li>
 *   <li>{@code timestamp} &rarr; {@code hour_sin}, {@code hour_cos}, {@code dow_sin},
 *       {@code dow_cos}: local time of day and day of week on circles, so 23:50 is close to
 *       00:10 (the raw timestamp is removed);</li>
 *   <li>{@code cross_border}: {@code yes} when the merchant {@code country} differs from the
 *       card's {@code issuer_country}, the strongest single signal of card-not-present fraud;</li>
 *   <li>codes cleaned: currency and countries upper case, merchant category codes as four digits
 *       ({@code 742} &rarr; {@code 0742}), channel lower case, {@code card_present} as yes/no;</li>
 *   <li>categorical values seen fewer than {@value #MIN_COUNT} times in the training split fold
 *       into {@code other} (the fitted state holds the vocabularies).</li>
 * </ul>
 */
@Extension
public final class FraudFeatures implements Preprocessor {

    static final int MIN_COUNT = 5;
    static final List<String> FOLDED = List.of("currency", "merchant_category", "channel", "country");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2,3}");
    private static final Pattern MCC = Pattern.compile("\\d{1,4}");

    @Override
    public boolean appliesTo(String domainId, String taskId) {
        return "finance".equals(domainId) && "fraud".equals(taskId);
    }

    @Override
    public FittedState fit(TaskSpec task, List<DataRecord> training) {
        List<Map<String, String>> rows = new ArrayList<>(training.size());
        for (DataRecord record : training) {
            rows.add(codes(record));
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("min_count", MIN_COUNT);
        state.put("vocabulary", Vocabulary.fit(FOLDED, rows, MIN_COUNT));
        return new FittedState(state);
    }

    @Override
    public DataRecord transform(DataRecord record, FittedState state) {
        Map<?, ?> vocabulary = state.get("vocabulary") instanceof Map<?, ?> m ? m : null;
        DataRecord out = record.without("timestamp");
        Double amount = Amounts.read(record, "amount");
        out = out.with("amount", amount == null ? null : Amounts.signedLog(amount));
        WallClock clock = WallClock.read(record, "timestamp");
        if (clock != null) {
            if (clock.minuteOfDay() != null) {
                out = out.with("hour_sin", Math.sin(clock.hourAngle())).with("hour_cos", Math.cos(clock.hourAngle()));
            }
            out = out.with("dow_sin", Math.sin(clock.dayAngle())).with("dow_cos", Math.cos(clock.dayAngle()));
        }
        Map<String, String> codes = codes(record);
        for (Map.Entry<String, String> code : codes.entrySet()) {
            String value = FOLDED.contains(code.getKey())
                    ? Vocabulary.fold(vocabulary, code.getKey(), code.getValue()) : code.getValue();
            out = out.with(code.getKey(), value);
        }
        String country = codes.get("country");
        String issuer = codes.get("issuer_country");
        if (country != null && issuer != null) {
            out = out.with("cross_border", country.equals(issuer) ? "no" : "yes");
        }
        return out;
    }

    /** The cleaned categorical codes of a record (absent when missing). */
    static Map<String, String> codes(DataRecord record) {
        Map<String, String> codes = new LinkedHashMap<>();
        put(codes, "currency", code(record, "currency", CURRENCY, "a three-letter ISO 4217 code"));
        put(codes, "country", code(record, "country", COUNTRY, "an ISO 3166 country code"));
        put(codes, "issuer_country", code(record, "issuer_country", COUNTRY, "an ISO 3166 country code"));
        put(codes, "merchant_category", merchantCategory(record));
        String channel = text(record, "channel");
        put(codes, "channel", channel == null ? null : channel.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_"));
        put(codes, "card_present", CardPresent.read(record, "card_present"));
        return codes;
    }

    private static String code(DataRecord record, String field, Pattern pattern, String what) {
        String value = text(record, field);
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!pattern.matcher(upper).matches()) {
            throw new IllegalArgumentException("line " + record.line() + ": field '" + field + "' must be " + what
                    + ", was '" + value + "'");
        }
        return upper;
    }

    /** Merchant category codes are four digits with leading zeros (0742 = veterinary services). */
    private static String merchantCategory(DataRecord record) {
        String value = text(record, "merchant_category");
        if (value == null) {
            return null;
        }
        if (MCC.matcher(value).matches()) {
            return "0".repeat(4 - value.length()) + value;
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String text(DataRecord record, String field) {
        if (record.get(field) instanceof List<?>) {
            throw new IllegalArgumentException("line " + record.line() + ": field '" + field + "' is a list, not a value");
        }
        String value = record.text(field);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void put(Map<String, String> codes, String field, String value) {
        if (value != null) {
            codes.put(field, value);
        }
    }
}
