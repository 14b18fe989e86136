package org.baihua.plugins.industrial.preprocess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.Preprocessor;
import org.baihua.sdk.TaskSpec;
import org.pf4j.Extension;

/**
 * Physics features for the machine-failure and failure-mode tasks, after the failure mechanisms
 * the AI4I 2020 data documents:
 * <ul>
 *   <li>{@code temperature_difference_k} = process &minus; air temperature (heat dissipation fails
 *       when it is small at low speed);</li>
 *   <li>{@code power_w} = torque &times; angular speed = torque &times; rpm &times; 2&pi;/60 (power
 *       failures at both ends);</li>
 *   <li>{@code overstrain_min_nm} = tool wear &times; torque, and {@code overstrain_ratio}: that
 *       product over the product type's overstrain limit (L 11,000, M 12,000, H 13,000 minNm in
 *       AI4I; for a type not documented there, the 99th percentile of wear &times; torque of that
 *       type in the training split, the fitted state).</li>
 *   <li>margins to the documented failure thresholds, so that a small head needs to draw no
 *       threshold itself: {@code power_outside_band_w}, how far the power lies outside the safe
 *       band [3,500, 9,000] W (0 inside); {@code overstrain_excess_min_nm}, how far wear &times;
 *       torque exceeds the type's limit (0 below); {@code heat_dissipation_risk}, 1 when the
 *       temperature difference is below 8.6 K at under 1,380 rpm, else 0.</li>
 * </ul>
 * It also removes the columns that give the label away or identify a row (the five failure-mode
 * flags, {@code Machine failure}, {@code UDI}, {@code Product ID}); derives {@code product_type}
 * from a product id's first letter when the type is missing; and refuses physically impossible
 * values (temperatures at or below 150 K, most likely Celsius or Fahrenheit; negative speed or
 * tool wear), naming line and field.
 */
@Extension
public final class MachinePhysics implements Preprocessor {

    /** Overstrain limits per product type, from the AI4I 2020 documentation. */
    static final Map<String, Double> DOCUMENTED_LIMITS = Map.of("L", 11_000.0, "M", 12_000.0, "H", 13_000.0);
    static final double DEFAULT_LIMIT = 12_000;
    static final int MIN_ROWS_TO_FIT_A_LIMIT = 20;
    /** The safe power band and the heat-dissipation thresholds, from the AI4I 2020 documentation. */
    static final double MIN_POWER_W = 3_500;
    static final double MAX_POWER_W = 9_000;
    static final double HDF_MAX_DIFFERENCE_K = 8.6;
    static final double HDF_MAX_RPM = 1_380;
    static final List<String> LEAKS = List.of("TWF", "HDF", "PWF", "OSF", "RNF", "Machine failure", "machine_failure",
            "UDI", "udi", "Product ID", "product_id");
    private static final double MIN_KELVIN = 150;

    @Override
    public boolean appliesTo(String domainId, String taskId) {
        return "industrial".equals(domainId) && ("machine-failure".equals(taskId) || "failure-mode".equals(taskId));
    }

    @Override
    public FittedState fit(TaskSpec task, List<DataRecord> training) {
        Map<String, List<Double>> strainByType = new TreeMap<>();
        for (DataRecord record : training) {
            String type = productType(record);
            Double wear = nonNegative(record, "tool_wear_min");
            Double torque = finite(record, "torque_nm");
            if (type != null && wear != null && torque != null && !DOCUMENTED_LIMITS.containsKey(type)) {
                strainByType.computeIfAbsent(type, t -> new ArrayList<>()).add(wear * torque);
            }
        }
        Map<String, Object> limits = new TreeMap<>(DOCUMENTED_LIMITS);
        strainByType.forEach((type, strains) -> {
            if (strains.size() >= MIN_ROWS_TO_FIT_A_LIMIT) {
                limits.put(type, percentile99(strains));
            }
        });
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("overstrain_limits", limits);
        state.put("default_limit", DEFAULT_LIMIT);
        return new FittedState(state);
    }

    @Override
    public DataRecord transform(DataRecord record, FittedState state) {
        DataRecord out = record.without(LEAKS.toArray(String[]::new));
        String type = productType(record);
        out = out.with("product_type", type);
        Double air = kelvin(record, "air_temperature_k");
        Double process = kelvin(record, "process_temperature_k");
        Double rpm = nonNegative(record, "rotational_speed_rpm");
        Double torque = finite(record, "torque_nm");
        Double wear = nonNegative(record, "tool_wear_min");
        if (air != null && process != null) {
            double difference = process - air;
            out = out.with("temperature_difference_k", difference);
            if (rpm != null) {
                out = out.with("heat_dissipation_risk", difference < HDF_MAX_DIFFERENCE_K && rpm < HDF_MAX_RPM ? 1.0 : 0.0);
            }
        }
        if (rpm != null && torque != null) {
            double power = torque * rpm * 2 * Math.PI / 60;
            out = out.with("power_w", power)
                    .with("power_outside_band_w", Math.max(0, MIN_POWER_W - power) + Math.max(0, power - MAX_POWER_W));
        }
        if (wear != null && torque != null) {
            double strain = wear * torque;
            double limit = limit(state, type);
            out = out.with("overstrain_min_nm", strain).with("overstrain_ratio", strain / limit)
                    .with("overstrain_excess_min_nm", Math.max(0, strain - limit));
        }
        return out;
    }

    private static double limit(FittedState state, String type) {
        double fallback = state.number("default_limit", DEFAULT_LIMIT);
        if (type != null && state.get("overstrain_limits") instanceof Map<?, ?> limits
                && limits.get(type) instanceof Number n) {
            return n.doubleValue();
        }
        Double documented = type == null ? null : DOCUMENTED_LIMITS.get(type);
        return documented != null ? documented : fallback;
    }

    /** The product type, upper case; from the first letter of a product id ({@code M14860}) when missing. */
    static String productType(DataRecord record) {
        String type = record.text("product_type");
        if (type == null || type.isBlank()) {
            String id = record.text("Product ID") != null ? record.text("Product ID") : record.text("product_id");
            type = id == null || id.isBlank() || !Character.isLetter(id.trim().charAt(0)) ? null : id.trim().substring(0, 1);
        }
        return type == null ? null : type.trim().toUpperCase(Locale.ROOT);
    }

    private static Double kelvin(DataRecord record, String field) {
        Double value = finite(record, field);
        if (value != null && value <= MIN_KELVIN) {
            throw new IllegalArgumentException("line " + record.line() + ": field '" + field + "' is " + value
                    + " K, which no running machine reaches: is it in °C or °F? Convert to kelvin (the sensor-csv "
                    + "adapter does it from a unit column)");
        }
        return value;
    }

    private static Double nonNegative(DataRecord record, String field) {
        Double value = finite(record, field);
        if (value != null && value < 0) {
            throw new IllegalArgumentException("line " + record.line() + ": field '" + field + "' is negative: " + value);
        }
        return value;
    }

    private static Double finite(DataRecord record, String field) {
        Double value = record.number(field);
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException("line " + record.line() + ": field '" + field + "' is not finite: " + value);
        }
        return value;
    }

    private static double percentile99(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
    }
}
