package org.baihua.plugins.finance.camt;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects the parts of one camt.053 {@code Ntry} while the adapter streams through it, then
 * validates them into the fields of one record. Paths are relative to {@code Ntry}, with the
 * {@code Pty} level of newer schema versions removed so that versions 02 to 08 read alike.
 */
final class EntryBuilder {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final long line;
    private final Map<String, String> statement;
    private String amount;
    private String currency;
    private String creditDebit;
    private String status;
    private String bookingDate;
    private String valueDate;
    private String entryReference;
    private String additionalInfo;
    private final String[] bankCode = new String[3];
    private String proprietaryCode;
    private final List<String> remittance = new ArrayList<>();
    private final List<String> debtorNames = new ArrayList<>();
    private final List<String> creditorNames = new ArrayList<>();
    private final List<String> debtorIbans = new ArrayList<>();
    private final List<String> creditorIbans = new ArrayList<>();

    EntryBuilder(long line, Map<String, String> statement) {
        this.line = line;
        this.statement = Map.copyOf(statement);
    }

    long line() {
        return line;
    }

    /** Takes the text of the element at {@code path} (relative to Ntry); {@code ccy} is its Ccy attribute. */
    void take(String path, String text, String ccy) {
        if (text.isBlank()) {
            return; // a parent element's whitespace, or an empty leaf that counts as missing
        }
        switch (path) {
            case "Amt" -> {
                amount = text;
                currency = ccy;
            }
            case "CdtDbtInd" -> creditDebit = text;
            case "Sts", "Sts/Cd" -> status = text;
            case "BookgDt/Dt", "BookgDt/DtTm" -> bookingDate = text;
            case "ValDt/Dt", "ValDt/DtTm" -> valueDate = text;
            case "NtryRef" -> entryReference = text;
            case "AddtlNtryInf" -> additionalInfo = text;
            case "BkTxCd/Domn/Cd" -> bankCode[0] = text;
            case "BkTxCd/Domn/Fmly/Cd" -> bankCode[1] = text;
            case "BkTxCd/Domn/Fmly/SubFmlyCd" -> bankCode[2] = text;
            case "BkTxCd/Prtry/Cd" -> proprietaryCode = text;
            case "NtryDtls/TxDtls/RmtInf/Ustrd", "NtryDtls/TxDtls/RmtInf/Strd/CdtrRefInf/Ref",
                    "NtryDtls/TxDtls/RmtInf/Strd/AddtlRmtInf" -> remittance.add(text);
            case "NtryDtls/TxDtls/RltdPties/Dbtr/Nm" -> debtorNames.add(text);
            case "NtryDtls/TxDtls/RltdPties/Cdtr/Nm" -> creditorNames.add(text);
            case "NtryDtls/TxDtls/RltdPties/DbtrAcct/Id/IBAN" -> debtorIbans.add(text);
            case "NtryDtls/TxDtls/RltdPties/CdtrAcct/Id/IBAN" -> creditorIbans.add(text);
            default -> { /* other elements carry nothing the tasks use */ }
        }
    }

    /**
     * The record's fields.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    Map<String, Object> build() {
        if (amount == null || amount.isBlank()) {
            throw new IllegalArgumentException("entry has no Amt");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Amt '" + amount + "' is not a decimal number");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("Amt '" + amount + "' is negative; the direction belongs in CdtDbtInd");
        }
        if (currency == null || !CURRENCY.matcher(currency.trim()).matches()) {
            throw new IllegalArgumentException("Amt has no valid Ccy attribute (three capital letters), was '" + currency + "'");
        }
        boolean credit = switch (creditDebit == null ? "" : creditDebit.trim()) {
            case "CRDT" -> true;
            case "DBIT" -> false;
            default -> throw new IllegalArgumentException("CdtDbtInd must be CRDT or DBIT, was '" + creditDebit + "'");
        };
        Map<String, Object> fields = new LinkedHashMap<>(statement);
        fields.put("amount", value.doubleValue());
        fields.put("currency", currency.trim());
        fields.put("credit_debit", credit ? "credit" : "debit");
        put(fields, "status", status);
        put(fields, "booking_date", checkDate("BookgDt", bookingDate));
        put(fields, "value_date", checkDate("ValDt", valueDate));
        put(fields, "timestamp", checkDate("BookgDt", bookingDate));
        put(fields, "bank_transaction_code", bankTransactionCode());
        put(fields, "remittance_info", join(remittance));
        // The counterparty is whoever is on the other side: the debtor pays us on a credit entry.
        put(fields, "counterparty_name", join(credit ? debtorNames : creditorNames));
        put(fields, "counterparty_iban", join(credit ? debtorIbans : creditorIbans));
        put(fields, "entry_reference", entryReference);
        put(fields, "additional_info", additionalInfo);
        return fields;
    }

    private String bankTransactionCode() {
        if (bankCode[0] != null) {
            StringBuilder code = new StringBuilder(bankCode[0].trim());
            for (int i = 1; i < bankCode.length && bankCode[i] != null; i++) {
                code.append('/').append(bankCode[i].trim());
            }
            return code.toString();
        }
        return proprietaryCode;
    }

    /** A date or date-time as given, after checking that it is ISO 8601. */
    private static String checkDate(String element, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            if (t.length() == 10) {
                LocalDate.parse(t);
            } else if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                OffsetDateTime.parse(t);
            } else {
                LocalDateTime.parse(t);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(element + " '" + text + "' is not an ISO 8601 date or date-time");
        }
        return t;
    }

    private static String join(List<String> parts) {
        List<String> kept = parts.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        return kept.isEmpty() ? null : String.join(" | ", kept);
    }

    private static void put(Map<String, Object> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, value.trim());
        }
    }
}
