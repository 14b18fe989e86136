package org.baihua.plugins.medical.labs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabUnitsTest {

    private final LabUnits units = LabUnits.standard();

    @ParameterizedTest(name = "{0} {1} {2} = {3}")
    @CsvSource({
            "glucose, 5.5, mmol/L, 99.088",
            "glucose, 5.5, mmol/l, 99.088",
            "glucose, 126, mg/dL, 126",
            "glucose, 1.26, g/L, 126",
            "insulin, 60, pmol/L, 10",
            "insulin, 12, µIU/mL, 12",
            "insulin, 12, u[IU]/mL, 12",
            "insulin, 12, mU/L, 12",
            "blood_pressure, 80, mm[Hg], 80",
            "blood_pressure, 12, kPa, 90.00744",
            "skin_thickness, 2.9, cm, 29",
            "bmi, 31.2, kg/m², 31.2",
            "bmi, 31.2, kg/m^2, 31.2",
            "age, 18, mo, 1.5",
            "body_weight, 22, lb, 9.9790321",
            "body_height, 70, [in_i], 177.8"})
    void convertsToTheCanonicalUnit(String field, double value, String unit, double expected) {
        assertThat(units.toCanonical(field, value, unit, true)).isCloseTo(expected, within(1e-6));
    }

    @Test
    void roundTripsGlucoseBetweenMgPerDlAndMmolPerL() {
        double mgPerDl = units.toCanonical("glucose", 7.0, "mmol/L", true);

        assertThat(mgPerDl / 18.016).isCloseTo(7.0, within(1e-12));
    }

    @Test
    void requiresAUnitFromCodedSourcesOnlyForLabValues() {
        assertThatThrownBy(() -> units.toCanonical("glucose", 5.5, null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no unit").hasMessageContaining("mmol/l");
        assertThat(units.toCanonical("glucose", 120, " ", false)).isEqualTo(120);
        assertThat(units.toCanonical("pregnancies", 3, null, true)).isEqualTo(3);
        assertThat(units.toCanonical("diabetes_pedigree", 0.5, "whatever", true)).isEqualTo(0.5);
    }

    @Test
    void rejectsUnknownUnitsNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> units.toCanonical("glucose", 5.5, "mg", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mg'").hasMessageContaining("mg/dl");
    }

    @Test
    void parsesNumbersWithAndWithoutUnits() {
        assertThat(units.parse("glucose", " 7.8 mmol/L ")).isCloseTo(140.5248, within(1e-9));
        assertThat(units.parse("glucose", "140mg/dL")).isEqualTo(140.0);
        assertThat(units.parse("glucose", "148")).isEqualTo(148.0);
        assertThat(units.parse("glucose", ".5e2")).isEqualTo(50.0);
        assertThat(units.parse("diabetes_pedigree", "0.627")).isEqualTo(0.627);
        assertThat(units.parse("glucose", "  ")).isNull();
        assertThat(units.parse("glucose", null)).isNull();
    }

    @Test
    void rejectsTextThatIsNotANumber() {
        assertThatThrownBy(() -> units.parse("glucose", "high")).hasMessageContaining("'high' is not a number");
        assertThatThrownBy(() -> units.parse("diabetes_pedigree", "0.6 units")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> units.parse("glucose", "1,5 mmol/L")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> units.parse("glucose", "7.8 mmol/L extra")).hasMessageContaining("not known");
    }
}
