package org.baihua.plugins.finance.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.Redactor;
import org.pf4j.Extension;

/**
 * PCI and privacy redaction for every finance record, applied by the host before anything is
 * stored and again at prediction time:
 * <ul>
 *   <li>card numbers (Luhn-valid runs of 13&ndash;19 digits) in any text value are masked to their
 *       last four digits, and so is a numeric value that is itself a card number;</li>
 *   <li>IBANs in any text value are masked to country code and last four characters;</li>
 *   <li>fields that hold a person's or account holder's name ({@link #NAME_FIELDS}) are replaced
 *       by {@value #NAME_MASK}, because a name cannot be recognised reliably inside free text
 *       but can be by its column.</li>
 * </ul>
 * Redaction is idempotent: a redacted record redacts to itself.
 */
@Extension
public final class FinanceRedactor implements Redactor {

    /** What a name field's value becomes. */
    public static final String NAME_MASK = "[name]";

    /** Field names (lower case, any non-alphanumeric as {@code _}) whose whole value is a name. */
    public static final Set<String> NAME_FIELDS = Set.of(
            "name", "counterparty", "counterparty_name", "debtor", "debtor_name", "creditor", "creditor_name",
            "cardholder", "cardholder_name", "card_holder", "account_holder", "account_holder_name",
            "customer_name", "payer", "payer_name", "payee", "payee_name", "beneficiary", "beneficiary_name");

    private final CardNumberMasker cards = new CardNumberMasker();
    private final IbanMasker ibans = new IbanMasker();

    @Override
    public boolean appliesTo(String domainId) {
        return "finance".equals(domainId);
    }

    @Override
    public DataRecord redact(DataRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        record.values().forEach((name, value) -> out.put(name, redactValue(name, value)));
        return new DataRecord(record.line(), out);
    }

    private Object redactValue(String field, Object value) {
        if (isNameField(field)) {
            return NAME_MASK;
        }
        if (value instanceof String text) {
            return maskText(text);
        }
        if (value instanceof List<?> list) {
            List<String> masked = new ArrayList<>(list.size());
            list.forEach(item -> masked.add(maskText((String) item)));
            return masked;
        }
        if (value instanceof Double number) {
            return maskNumber(number);
        }
        return value;
    }

    private String maskText(String text) {
        return ibans.mask(cards.mask(text));
    }

    /** A whole number that is a card number becomes its masked text; any other number stays. */
    private Object maskNumber(Double number) {
        if (number.isInfinite() || number != Math.rint(number) || Math.abs(number) < 1e12) {
            return number;
        }
        String digits = new java.math.BigDecimal(Math.abs(number)).toPlainString();
        String masked = cards.mask(digits);
        return masked.equals(digits) ? number : masked;
    }

    static boolean isNameField(String field) {
        String key = field.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return NAME_FIELDS.contains(key);
    }
}
