package org.baihua.plugins.finance.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumberMaskerTest {

    private final CardNumberMasker masker = new CardNumberMasker();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "4111111111111111|************1111",
            "4111 1111 1111 1111|**** **** **** 1111",
            "4111-1111-1111-1111|****-****-****-1111",
            "378282246310005|***********0005",             // 15-digit Amex
            "4222222222222|*********2222",                  // 13-digit Visa
            "6011000990139424|************9424",
            "4000000000000000006|***************0006",      // 19 digits
            "paid with 5555555555554444.|paid with ************4444.",
            "card:4111111111111111,exp 12/29|card:************1111,exp 12/29"})
    void masksLuhnValidCardNumbersKeepingTheLastFour(String text, String expected) {
        assertThat(masker.mask(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "4111111111111112",                 // fails Luhn
            "411111111111",                      // 12 digits, too short
            "41111111111111111111111",          // one 23-digit identifier, not a card
            "2024-03-01 13:45:00",
            "+49 30 1234 5678",
            "IBAN DE89370400440532013000",
            "no digits here", ""})
    void leavesOtherNumbersAlone(String text) {
        assertThat(masker.mask(text)).isEqualTo(text);
    }

    @Test
    void findsACardNumberNextToAnotherNumber() {
        assertThat(masker.mask("order 7 4111 1111 1111 1111 today"))
                .isEqualTo("order 7 **** **** **** 1111 today");
    }

    @Test
    void masksEveryCardInATextAndKeepsTheRest() {
        assertThat(masker.mask("from 4111111111111111 to 5555-5555-5555-4444 (ref 42)"))
                .isEqualTo("from ************1111 to ****-****-****-4444 (ref 42)");
    }

    @Test
    void maskingIsIdempotent() {
        String once = masker.mask("card 4111 1111 1111 1111 and 378282246310005");
        assertThat(masker.mask(once)).isEqualTo(once);
        assertThat(once).doesNotContain("4111 1111 1111 1111").doesNotContain("3782822463");
    }

    @Test
    void luhnCheck() {
        assertThat(Luhn.valid("79927398713")).isTrue();
        assertThat(Luhn.valid("79927398710")).isFalse();
        assertThat(Luhn.valid("")).isFalse();
        assertThat(Luhn.valid("7992739871a")).isFalse();
    }
}
