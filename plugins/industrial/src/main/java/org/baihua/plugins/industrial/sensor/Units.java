package org.baihua.plugins.industrial.sensor;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Unit normalisation for sensor values: temperatures to kelvin and rotational speeds to rpm, the
 * units the machine-failure task declares. Other units pass through unchanged; the adapter only
 * checks that a signal keeps one unit.
 */
final class Units {

    /** What a unit measures; values of one dimension convert into each other. */
    enum Dimension { TEMPERATURE, ROTATIONAL_SPEED, OTHER }

    /** A unit as read, its dimension, and how to reach the canonical unit (K or rpm). */
    record Unit(String name, Dimension dimension, DoubleUnaryOperator toCanonical) {

        double canonical(double value) {
            return toCanonical.applyAsDouble(value);
        }

        /** Units of one known dimension mix freely; an unknown unit mixes only with itself. */
        boolean compatibleWith(Unit other) {
            return dimension == Dimension.OTHER ? dimension == other.dimension && name.equals(other.name)
                    : dimension == other.dimension;
        }
    }

    private static final double RAD_PER_S_TO_RPM = 60 / (2 * Math.PI);
    private static final Map<String, Unit> KNOWN = new HashMap<>();

    static {
        add(Dimension.TEMPERATURE, v -> v, "K", "kelvin", "degK");
        add(Dimension.TEMPERATURE, c -> c + 273.15, "°C", "C", "degC", "deg C", "celsius", "\u2103");
        add(Dimension.TEMPERATURE, f -> (f - 32) * 5 / 9 + 273.15, "°F", "F", "degF", "deg F", "fahrenheit", "\u2109");
        add(Dimension.ROTATIONAL_SPEED, v -> v, "rpm", "r/min", "1/min", "rev/min", "min-1");
        add(Dimension.ROTATIONAL_SPEED, w -> w * RAD_PER_S_TO_RPM, "rad/s", "rad/sec", "rad s-1");
        add(Dimension.ROTATIONAL_SPEED, r -> r * 60, "rps", "rev/s", "r/s");
    }

    private Units() {}

    /** The unit with this name (case-insensitive); an unknown name is a unit of its own. */
    static Unit of(String raw) {
        String key = raw == null ? "" : raw.trim();
        Unit known = KNOWN.get(key.toLowerCase(Locale.ROOT));
        return known != null ? known : new Unit(key, Dimension.OTHER, DoubleUnaryOperator.identity());
    }

    private static void add(Dimension dimension, DoubleUnaryOperator toCanonical, String... names) {
        Unit unit = new Unit(names[0], dimension, toCanonical);
        for (String name : names) {
            KNOWN.put(name.toLowerCase(Locale.ROOT), unit);
        }
    }
}
