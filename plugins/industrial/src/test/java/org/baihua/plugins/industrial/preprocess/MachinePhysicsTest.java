package org.baihua.plugins.industrial.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.plugins.industrial.Ai4i;
import org.baihua.plugins.industrial.JsonLike;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MachinePhysicsTest {

    private static List<DataRecord> ai4i;
    private final MachinePhysics physics = new MachinePhysics();

    @BeforeAll
    static void load() throws IOException {
        ai4i = Ai4i.records();
    }

    private static DataRecord machine(Object... keyValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new DataRecord(5, values);
    }

    @Test
    void derivesThePhysicsFeatures() {
        DataRecord out = physics.transform(machine("product_type", "m", "air_temperature_k", "298.1",
                "process_temperature_k", 308.6, "rotational_speed_rpm", "1551", "torque_nm", "42.8",
                "tool_wear_min", "100"), physics.fit(null, List.of()));
        assertThat((Double) out.get("temperature_difference_k")).isCloseTo(10.5, within(1e-9));
        assertThat((Double) out.get("power_w")).isCloseTo(42.8 * 1551 * 2 * Math.PI / 60, within(1e-9));
        assertThat(out.get("overstrain_min_nm")).isEqualTo(4280.0);
        assertThat((Double) out.get("overstrain_ratio")).isCloseTo(4280.0 / 12_000, within(1e-12));
        assertThat(out.get("product_type")).isEqualTo("M");
        assertThat(out.get("power_outside_band_w")).isEqualTo(0.0);
        assertThat(out.get("overstrain_excess_min_nm")).isEqualTo(0.0);
        assertThat(out.get("heat_dissipation_risk")).isEqualTo(0.0);
    }

    @Test
    void theRuleMarginsMeasureHowFarAStateIsPastEachDocumentedThreshold() {
        FittedState none = physics.fit(null, List.of());
        DataRecord hot = physics.transform(machine("product_type", "L", "air_temperature_k", 302.5,
                "process_temperature_k", 310.8, "rotational_speed_rpm", 1320.0, "torque_nm", 50.0, "tool_wear_min", 50.0), none);
        assertThat(hot.get("heat_dissipation_risk")).isEqualTo(1.0);
        DataRecord weak = physics.transform(machine("rotational_speed_rpm", 2800.0, "torque_nm", 10.0), none);
        assertThat((Double) weak.get("power_outside_band_w")).isCloseTo(3500 - 10 * 2800 * 2 * Math.PI / 60, within(1e-9));
        DataRecord strong = physics.transform(machine("rotational_speed_rpm", 1350.0, "torque_nm", 68.0), none);
        assertThat((Double) strong.get("power_outside_band_w")).isCloseTo(68 * 1350 * 2 * Math.PI / 60 - 9000, within(1e-9));
        DataRecord worn = physics.transform(machine("product_type", "L", "tool_wear_min", 195.0, "torque_nm", 60.0), none);
        assertThat(worn.get("overstrain_excess_min_nm")).isEqualTo(195.0 * 60 - 11_000);
        assertThat(worn.values()).doesNotContainKeys("heat_dissipation_risk", "power_outside_band_w");
    }

    @Test
    void removesEveryColumnThatGivesTheLabelAway() {
        DataRecord out = physics.transform(ai4i.get(0), physics.fit(null, List.of()));
        assertThat(out.values()).doesNotContainKeys("TWF", "HDF", "PWF", "OSF", "RNF", "Machine failure", "UDI", "Product ID");
        assertThat(out.values()).containsKeys("product_type", "power_w", "overstrain_ratio");
    }

    @Test
    void theDerivedFeaturesReproduceTheAi4iFailureRulesOnEveryRow() {
        FittedState state = physics.fit(null, ai4i);
        int osf = 0;
        for (DataRecord raw : ai4i) {
            DataRecord out = physics.transform(raw, state);
            double power = (Double) out.get("power_w");
            boolean heat = (Double) out.get("temperature_difference_k") < 8.6
                    && raw.number("rotational_speed_rpm") < 1380;
            assertThat((Double) out.get("overstrain_ratio") > 1).as("OSF line %d", raw.line())
                    .isEqualTo("1".equals(raw.get("OSF")));
            assertThat(power < 3500 || power > 9000).as("PWF line %d", raw.line()).isEqualTo("1".equals(raw.get("PWF")));
            assertThat(heat).as("HDF line %d", raw.line()).isEqualTo("1".equals(raw.get("HDF")));
            assertThat((Double) out.get("overstrain_excess_min_nm") > 0).as("OSF margin line %d", raw.line())
                    .isEqualTo("1".equals(raw.get("OSF")));
            assertThat((Double) out.get("power_outside_band_w") > 0).as("PWF margin line %d", raw.line())
                    .isEqualTo("1".equals(raw.get("PWF")));
            assertThat(out.get("heat_dissipation_risk")).as("HDF indicator line %d", raw.line())
                    .isEqualTo("1".equals(raw.get("HDF")) ? 1.0 : 0.0);
            osf += "1".equals(raw.get("OSF")) ? 1 : 0;
        }
        assertThat(ai4i).hasSize(10_000);
        assertThat(osf).isEqualTo(98);
    }

    @Test
    void anUndocumentedProductTypeGetsALimitFittedFromTraining() {
        List<DataRecord> training = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            training.add(machine("product_type", "X", "tool_wear_min", (double) i, "torque_nm", 100.0));
        }
        training.add(machine("product_type", "Y", "tool_wear_min", 1.0, "torque_nm", 1.0)); // too few to fit
        FittedState state = physics.fit(null, training);
        FittedState restored = JsonLike.roundTrip(state);

        DataRecord x = physics.transform(machine("product_type", "x", "tool_wear_min", 99.0, "torque_nm", 100.0), restored);
        DataRecord y = physics.transform(machine("product_type", "Y", "tool_wear_min", 60.0, "torque_nm", 100.0), restored);
        DataRecord l = physics.transform(machine("product_type", "L", "tool_wear_min", 110.0, "torque_nm", 100.0), restored);
        assertThat((Double) x.get("overstrain_ratio")).isCloseTo(1.0, within(1e-12)); // 99th percentile = 9,900
        assertThat((Double) y.get("overstrain_ratio")).isCloseTo(0.5, within(1e-12)); // default 12,000
        assertThat((Double) l.get("overstrain_ratio")).isCloseTo(1.0, within(1e-12)); // documented 11,000
        for (DataRecord record : training) {
            assertThat(physics.transform(record, restored)).isEqualTo(physics.transform(record, state));
        }
    }

    @Test
    void theProductTypeComesFromTheProductIdWhenMissing() {
        DataRecord out = physics.transform(machine("Product ID", "H29424", "tool_wear_min", 130.0, "torque_nm", 100.0),
                FittedState.empty());
        assertThat(out.get("product_type")).isEqualTo("H");
        assertThat((Double) out.get("overstrain_ratio")).isCloseTo(1.0, within(1e-12));
        assertThat(out.values()).doesNotContainKey("Product ID");
    }

    @Test
    void missingInputsLeaveTheirDerivedFeaturesMissing() {
        DataRecord out = physics.transform(machine("torque_nm", "40", "air_temperature_k", ""), FittedState.empty());
        assertThat(out.values()).doesNotContainKeys("temperature_difference_k", "power_w", "overstrain_ratio", "product_type");
        assertThat(out.get("torque_nm")).isEqualTo("40");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "air_temperature_k|25|in °C or °F",
            "process_temperature_k|-3|in °C or °F",
            "rotational_speed_rpm|-1500|negative",
            "tool_wear_min|-1|negative",
            "torque_nm|Infinity|not finite",
            "torque_nm|forty|not a number"})
    void impossibleValuesAreRefusedNamingLineAndField(String field, String value, String reason) {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("air_temperature_k", "300", "process_temperature_k", "310",
                "rotational_speed_rpm", "1500", "torque_nm", "40", "tool_wear_min", "10"));
        values.put(field, value);
        assertThatThrownBy(() -> physics.transform(new DataRecord(5, values), FittedState.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 5").hasMessageContaining("'" + field + "'").hasMessageContaining(reason);
    }

    @Test
    void appliesToTheMachineTasksOnly() {
        assertThat(physics.appliesTo("industrial", "machine-failure")).isTrue();
        assertThat(physics.appliesTo("industrial", "failure-mode")).isTrue();
        assertThat(physics.appliesTo("industrial", "maintenance-log")).isFalse();
        assertThat(physics.appliesTo("finance", "machine-failure")).isFalse();
    }
}
