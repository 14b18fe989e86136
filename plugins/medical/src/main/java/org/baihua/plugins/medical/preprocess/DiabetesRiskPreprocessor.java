package org.baihua.plugins.medical.preprocess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.baihua.plugins.medical.labs.LabUnits;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.Preprocessor;
import org.baihua.sdk.TaskSpec;
import org.pf4j.Extension;

/**
 * Cleans the measurements of the {@code diabetes-risk} task before the host standardises them:
 * <ol>
 *   <li>values written with a unit ({@code 7.8 mmol/L}) are converted to the field's unit (mg/dL);</li>
 *   <li>a zero glucose, blood pressure, skin fold, insulin or BMI is a missing value, not a measurement
 *       (the Pima data codes missing values as 0), and values outside the physiologically possible
 *       range are missing too, so the host imputes them and sets their missing indicator;</li>
 *   <li>the rest are clipped to the 1st&ndash;99th percentile of the training split (fitted), so one
 *       mistyped value does not stretch a field's scale.</li>
 * </ol>
 */
@Extension
public final class DiabetesRiskPreprocessor implements Preprocessor {

    static final String TASK = "diabetes-risk";
    private static final int MIN_VALUES_FOR_BOUNDS = 20;
    private static final double LOW_PERCENTILE = 1;
    private static final double HIGH_PERCENTILE = 99;

    /** The Pima data, like many registries, writes 0 where these were not measured. */
    private static final java.util.Set<String> ZERO_IS_MISSING =
            java.util.Set.of("glucose", "blood_pressure", "skin_thickness", "insulin", "bmi");

    /** Field &rarr; the range a living adult's measurement can take, in the field's canonical unit. */
    private static final Map<String, double[]> POSSIBLE = Map.of(
            "pregnancies", new double[] {0, 30},
            "glucose", new double[] {10, 2000},
            "blood_pressure", new double[] {20, 200},
            "skin_thickness", new double[] {2, 100},
            "insulin", new double[] {1, 1500},
            "bmi", new double[] {10, 90},
            "diabetes_pedigree", new double[] {0, 5},
            "age", new double[] {0, 130});

    private final LabUnits units;

    /** The preprocessor with the standard units (the constructor the host uses). */
    public DiabetesRiskPreprocessor() {
        this(LabUnits.standard());
    }

    /** A preprocessor converting with the given units (package-private: the host needs exactly one public constructor). */
    DiabetesRiskPreprocessor(LabUnits units) {
        this.units = Objects.requireNonNull(units, "units is null");
    }

    @Override
    public boolean appliesTo(String domainId, String taskId) {
        return "medical".equals(domainId) && TASK.equals(taskId);
    }

    @Override
    public FittedState fit(TaskSpec task, List<DataRecord> training) {
        List<String> fields = task.inputs().stream()
                .filter(f -> f.type() == FieldType.NUMERIC).map(FieldSpec::name).toList();
        Map<String, Object> bounds = new LinkedHashMap<>();
        for (String field : fields) {
            List<Double> values = new ArrayList<>();
            for (DataRecord record : training) {
                Double value = clean(record, field);
                if (value != null) {
                    values.add(value);
                }
            }
            if (values.size() >= MIN_VALUES_FOR_BOUNDS) {
                double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
                bounds.put(field, List.of(Percentiles.of(array, LOW_PERCENTILE), Percentiles.of(array, HIGH_PERCENTILE)));
            }
        }
        return new FittedState(Map.of("version", 1, "fields", fields, "bounds", bounds));
    }

    @Override
    public DataRecord transform(DataRecord record, FittedState state) {
        DataRecord result = record;
        Map<?, ?> bounds = state.get("bounds") instanceof Map<?, ?> map ? map : Map.of();
        for (String field : fields(state)) {
            Double value = clean(record, field);
            if (value != null && bounds.get(field) instanceof List<?> range && range.size() == 2) {
                value = Math.max(((Number) range.get(0)).doubleValue(), Math.min(((Number) range.get(1)).doubleValue(), value));
            }
            result = result.with(field, value);
        }
        return result;
    }

    /** The value in the field's unit, or null when it is missing, a coded zero or impossible. */
    private Double clean(DataRecord record, String field) {
        Object raw = record.get(field);
        Double value;
        if (raw == null || raw instanceof Double) {
            value = (Double) raw;
        } else if (raw instanceof String text) {
            try {
                value = units.parse(field, text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + record.line() + ": field '" + field + "': " + e.getMessage(), e);
            }
        } else {
            throw new IllegalArgumentException("line " + record.line() + ": field '" + field + "' is a list, not a number");
        }
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        if (value == 0 && ZERO_IS_MISSING.contains(field)) {
            return null;
        }
        double[] possible = POSSIBLE.get(field);
        if (possible != null && (value < possible[0] || value > possible[1])) {
            return null;
        }
        return value;
    }

    private static List<String> fields(FittedState state) {
        if (!(state.get("fields") instanceof List<?> list)) {
            throw new IllegalArgumentException("diabetes-risk preprocessing state has no 'fields': was it fitted?");
        }
        return list.stream().map(Object::toString).toList();
    }
}
