package org.baihua.plugins.finance.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IbanMaskerTest {

    private final IbanMasker masker = new IbanMasker();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DE89370400440532013000|DE****************3000",
            "DE89 3704 0044 0532 0130 00|DE****************3000",
            "de89 3704 0044 0532 0130 00|DE****************3000",
            "GB29NWBK60161331926819|GB****************6819",
            "to NL91ABNA0417164300, thanks|to NL************4300, thanks",
            "IBAN: FR14 2004 1010 0505 0001 3M02 606 EUR 12.00|IBAN: FR*********************2606 EUR 12.00"})
    void masksValidIbansToCountryAndLastFour(String text, String expected) {
        assertThat(masker.mask(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DE89370400440532013001",            // check digits wrong
            "XDE89370400440532013000",           // glued to a letter: not a standalone IBAN
            "DE8937040044",                      // too short
            "AB12 the quick brown fox jumps",
            "Invoice 2024-0042 settled"})
    void leavesNonIbansAlone(String text) {
        assertThat(masker.mask(text)).isEqualTo(text);
    }

    @Test
    void masksTwoIbansInOneText() {
        assertThat(masker.mask("DE89370400440532013000 -> GB29 NWBK 6016 1331 9268 19"))
                .isEqualTo("DE****************3000 -> GB****************6819");
    }

    @Test
    void maskingIsIdempotent() {
        String once = masker.mask("pay DE89 3704 0044 0532 0130 00 now");
        assertThat(masker.mask(once)).isEqualTo(once).isEqualTo("pay DE****************3000 now");
    }

    @Test
    void validatesTheMod97Checksum() {
        assertThat(IbanMasker.valid("DE89370400440532013000")).isTrue();
        assertThat(IbanMasker.valid("DE88370400440532013000")).isFalse();
        assertThat(IbanMasker.valid("DE89-370400440532013000")).isFalse();
    }
}
