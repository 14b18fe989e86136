package org.baihua.plugins.finance.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.plugins.finance.JsonLike;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FraudFeaturesTest {

    private final FraudFeatures features = new FraudFeatures();

    private static DataRecord txn(Object... keyValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new DataRecord(7, values);
    }

    private DataRecord transform(DataRecord record) {
        return features.transform(record, FittedState.empty());
    }

    @Test
    void appliesToTheFraudTaskOnly() {
        assertThat(features.appliesTo("finance", "fraud")).isTrue();
        assertThat(features.appliesTo("finance", "credit-risk")).isFalse();
        assertThat(features.appliesTo("industrial", "fraud")).isFalse();
    }

    @Test
    void derivesEveryInputOfTheFraudTaskFromARawTransaction() {
        DataRecord out = transform(txn("amount", "99.00", "currency", "eur", "timestamp", "2024-03-04T06:00:00+01:00",
                "merchant_category", "742", "channel", "E-Commerce", "country", "de", "issuer_country", "FR",
                "card_present", "N", "label", "fraud"));

        assertThat((Double) out.get("amount")).isCloseTo(Math.log(100), within(1e-12));
        assertThat((Double) out.get("hour_sin")).isCloseTo(1, within(1e-12));    // 06:00 is a quarter turn
        assertThat((Double) out.get("hour_cos")).isCloseTo(0, within(1e-12));
        assertThat((Double) out.get("dow_sin")).isCloseTo(0, within(1e-12));     // 2024-03-04 is a Monday
        assertThat((Double) out.get("dow_cos")).isCloseTo(1, within(1e-12));
        assertThat(out.get("currency")).isEqualTo("EUR");
        assertThat(out.get("merchant_category")).isEqualTo("0742");
        assertThat(out.get("channel")).isEqualTo("e_commerce");
        assertThat(out.get("country")).isEqualTo("DE");
        assertThat(out.get("cross_border")).isEqualTo("yes");
        assertThat(out.get("card_present")).isEqualTo("no");
        assertThat(out.get("label")).isEqualTo("fraud");
        assertThat(out.values()).doesNotContainKey("timestamp");
        assertThat(out.line()).isEqualTo(7);
    }

    @Test
    void readsTheLocalWallClockOfTheTimestampNotUtc() {
        DataRecord tokyo = transform(txn("timestamp", "2024-03-04T23:30:00+09:00"));
        DataRecord utc = transform(txn("timestamp", "2024-03-04T14:30:00Z"));
        double angle = 2 * Math.PI * (23 * 60 + 30) / 1440.0;
        assertThat((Double) tokyo.get("hour_sin")).isCloseTo(Math.sin(angle), within(1e-12));
        assertThat(tokyo.get("hour_sin")).isNotEqualTo(utc.get("hour_sin"));
    }

    @Test
    void midnightNeighboursAreCloseOnTheCircle() {
        DataRecord before = transform(txn("timestamp", "2024-03-04 23:55"));
        DataRecord after = transform(txn("timestamp", "2024-03-05 00:05"));
        double dx = (Double) before.get("hour_cos") - (Double) after.get("hour_cos");
        double dy = (Double) before.get("hour_sin") - (Double) after.get("hour_sin");
        assertThat(Math.hypot(dx, dy)).isLessThan(0.05);
    }

    @Test
    void aDateAloneGivesTheDayButNoHour() {
        DataRecord out = transform(txn("timestamp", "2024-03-10")); // a Sunday
        assertThat(out.values()).doesNotContainKeys("hour_sin", "hour_cos");
        assertThat((Double) out.get("dow_sin")).isCloseTo(Math.sin(2 * Math.PI * 6 / 7), within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1709532000", "1709532000000", "1709532000.0"})
    void epochSecondsAndMillisAreUtc(String epoch) {
        DataRecord out = transform(txn("timestamp", epoch)); // 2024-03-04T06:00:00Z
        assertThat((Double) out.get("hour_sin")).isCloseTo(1, within(1e-12));
    }

    @Test
    void anEpochNumberValueWorksToo() {
        assertThat((Double) transform(txn("timestamp", 1709532000.0)).get("hour_sin")).isCloseTo(1, within(1e-12));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1,234.50|1234.5", "-20|-20", "0|0", " 12.5 |12.5", "1e3|1000", ".5|0.5"})
    void amountsAreLogScaledKeepingTheirSign(String raw, double amount) {
        double expected = Math.signum(amount) * Math.log1p(Math.abs(amount));
        assertThat((Double) transform(txn("amount", raw)).get("amount")).isCloseTo(expected, within(1e-12));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "amount|12,50|not an amount",
            "amount|NaN|not an amount",
            "amount|Infinity|not an amount",
            "amount|1.2.3|not an amount",
            "amount|EUR 5|not an amount",
            "timestamp|yesterday|not an ISO 8601",
            "timestamp|2024-13-01T00:00:00Z|not an ISO 8601",
            "timestamp|2024-03-01T10:00:00+0100|not an ISO 8601",
            "currency|EURO|ISO 4217",
            "country|Germany|ISO 3166",
            "card_present|maybe|yes/no"})
    void badValuesAreRefusedNamingLineAndField(String field, String value, String reason) {
        assertThatThrownBy(() -> transform(txn(field, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 7")
                .hasMessageContaining("'" + field + "'")
                .hasMessageContaining(reason);
    }

    @Test
    void aNonFiniteNumberIsRefused() {
        assertThatThrownBy(() -> transform(txn("amount", Double.NaN))).hasMessageContaining("not finite");
        assertThatThrownBy(() -> transform(txn("timestamp", Double.POSITIVE_INFINITY))).hasMessageContaining("not finite");
    }

    @Test
    void aListWhereAValueBelongsIsRefused() {
        assertThatThrownBy(() -> transform(txn("channel", List.of("pos")))).hasMessageContaining("'channel' is a list");
        assertThatThrownBy(() -> transform(txn("amount", List.of("1")))).hasMessageContaining("'amount' is a list");
    }

    @ParameterizedTest
    @CsvSource({"TRUE,yes", "y,yes", "1,yes", "CP,yes", "false,no", "0,no", "CNP,no", "No,no"})
    void cardPresentFlagsInTheirManySpellings(String raw, String expected) {
        assertThat(transform(txn("card_present", raw)).get("card_present")).isEqualTo(expected);
        assertThat(transform(txn("card_present", Double.valueOf(raw.equals("1") ? 1 : 0)))
                .get("card_present")).isEqualTo(raw.equals("1") ? "yes" : "no");
    }

    @Test
    void missingFieldsStayMissing() {
        DataRecord out = transform(txn("label", "legit"));
        assertThat(out.values()).containsOnlyKeys("label");
        assertThat(transform(txn("amount", "  ", "country", "DE")).values())
                .containsOnlyKeys("country").doesNotContainKey("cross_border");
    }

    @Test
    void rareCategoriesFoldIntoOtherWithTheFittedVocabulary() {
        List<DataRecord> training = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            training.add(txn("merchant_category", "5411", "country", "DE", "channel", "pos", "currency", "EUR"));
        }
        training.add(txn("merchant_category", "7995", "country", "MT", "channel", "pos", "currency", "EUR"));
        FittedState state = features.fit(null, training);

        DataRecord rare = features.transform(txn("merchant_category", "7995", "country", "MT", "issuer_country", "MT"), state);
        DataRecord unseen = features.transform(txn("merchant_category", "1234", "country", "ZZ"), state);
        DataRecord common = features.transform(txn("merchant_category", "5411", "country", "de"), state);

        assertThat(rare.get("merchant_category")).isEqualTo("other");
        assertThat(rare.get("country")).isEqualTo("other");
        assertThat(rare.get("cross_border")).isEqualTo("no"); // compared before folding
        assertThat(unseen.get("merchant_category")).isEqualTo("other");
        assertThat(common.get("merchant_category")).isEqualTo("5411");
        assertThat(common.get("country")).isEqualTo("DE");
    }

    @Test
    void fittingIsDeterministicWhateverTheOrderAndSurvivesAJsonRoundTrip() {
        List<DataRecord> training = new ArrayList<>();
        String[] mccs = {"5411", "5812", "5541", "5732", "6011"};
        for (int i = 0; i < 60; i++) {
            training.add(txn("amount", String.valueOf(i), "merchant_category", mccs[i % mccs.length],
                    "country", i % 3 == 0 ? "FR" : "DE", "channel", "pos", "currency", "EUR",
                    "timestamp", "2024-03-0" + (1 + i % 9) + "T1" + (i % 10) + ":00:00Z"));
        }
        FittedState state = features.fit(null, training);
        List<DataRecord> shuffled = new ArrayList<>(training);
        Collections.shuffle(shuffled, new java.util.Random(3));
        assertThat(features.fit(null, shuffled)).isEqualTo(state);

        FittedState restored = JsonLike.roundTrip(state);
        for (DataRecord record : training) {
            assertThat(features.transform(record, restored)).isEqualTo(features.transform(record, state));
        }
        assertThat(((Number) restored.get("min_count")).intValue()).isEqualTo(FraudFeatures.MIN_COUNT);
    }
}
