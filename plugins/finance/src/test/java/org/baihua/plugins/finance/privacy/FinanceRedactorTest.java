package org.baihua.plugins.finance.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.sdk.DataRecord;
import org.junit.jupiter.api.Test;

class FinanceRedactorTest {

    private final FinanceRedactor redactor = new FinanceRedactor();

    @Test
    void appliesToFinanceOnly() {
        assertThat(redactor.appliesTo("finance")).isTrue();
        assertThat(redactor.appliesTo("medical")).isFalse();
    }

    @Test
    void masksCardsIbansAndNamesAndKeepsEverythingElse() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("card_number", "4111 1111 1111 1111");
        values.put("remittance_info", "Refund to DE89370400440532013000 for card 5555555555554444");
        values.put("Counterparty Name", "Erika Mustermann");
        values.put("amount", 12.5);
        values.put("tags", List.of("card 4111111111111111", "plain"));
        values.put("currency", "EUR");
        DataRecord out = redactor.redact(new DataRecord(17, values));

        assertThat(out.line()).isEqualTo(17);
        assertThat(out.get("card_number")).isEqualTo("**** **** **** 1111");
        assertThat(out.get("remittance_info")).isEqualTo("Refund to DE****************3000 for card ************4444");
        assertThat(out.get("Counterparty Name")).isEqualTo(FinanceRedactor.NAME_MASK);
        assertThat(out.get("amount")).isEqualTo(12.5);
        assertThat(out.get("tags")).isEqualTo(List.of("card ************1111", "plain"));
        assertThat(out.get("currency")).isEqualTo("EUR");
        assertThat(out.values().keySet()).containsExactlyElementsOf(values.keySet());
    }

    @Test
    void masksACardNumberThatArrivedAsANumber() {
        DataRecord out = redactor.redact(DataRecord.of(Map.of("pan", 4111111111111111.0, "amount", 1234567890123.0)));
        assertThat(out.get("pan")).isEqualTo("************1111");
        assertThat(out.get("amount")).isEqualTo(1234567890123.0);
    }

    @Test
    void isDeterministicAndIdempotent() {
        DataRecord record = DataRecord.of(Map.of("text", "IBAN GB29 NWBK 6016 1331 9268 19, card 378282246310005",
                "payee", "ACME Ltd"));
        DataRecord once = redactor.redact(record);
        assertThat(redactor.redact(record)).isEqualTo(once);
        assertThat(redactor.redact(once)).isEqualTo(once);
    }

    @Test
    void recognisesNameFieldsWhateverTheirSpelling() {
        assertThat(FinanceRedactor.isNameField("counterparty_name")).isTrue();
        assertThat(FinanceRedactor.isNameField("Debtor-Name")).isTrue();
        assertThat(FinanceRedactor.isNameField("account holder")).isTrue();
        assertThat(FinanceRedactor.isNameField("merchant_category")).isFalse();
        assertThat(FinanceRedactor.isNameField("text")).isFalse();
    }
}
