package org.baihua.plugins.industrial.sensor;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.baihua.sdk.AdapterOptions;

/**
 * The sensor-csv adapter's options, validated up front so that a typo fails before any row is read.
 *
 * @param delimiter the column separator ({@code delimiter}: one character, or {@code tab})
 * @param layout {@code long}, {@code wide}, or {@code auto} (long when the header has the signal and value columns)
 * @param window window length ({@code window}, default 10m)
 * @param step distance between window starts ({@code step}, default the window: windows tile time)
 * @param zone zone of timestamps written without an offset ({@code zone}, default UTC)
 * @param epochUnit unit of numeric timestamps ({@code epoch-unit}: s or ms, default s)
 * @param columns role &rarr; column name: timestamp, asset, signal, value, unit ({@code <role>-column})
 * @param fixedAsset the asset of every row when the file has no asset column ({@code asset})
 * @param labelColumn a column whose value labels the window ({@code label-column}), or null
 * @param units signal &rarr; unit for wide files ({@code units=temp:°F,speed:rad/s})
 */
record SensorOptions(char delimiter, String layout, Duration window, Duration step, ZoneId zone, String epochUnit,
                     Map<String, String> columns, String fixedAsset, String labelColumn, Map<String, String> units) {

    /** A window may hold at most this many steps, so one reading lands in at most this many windows. */
    static final long MAX_WINDOWS_PER_READING = 1_000;

    private static final Set<String> KEYS = Set.of("delimiter", "layout", "window", "step", "zone", "epoch-unit",
            "timestamp-column", "asset-column", "signal-column", "value-column", "unit-column", "asset",
            "label-column", "units");

    static SensorOptions from(AdapterOptions options) {
        for (String key : options.values().keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("sensor-csv has no option '" + key + "'; its options are "
                        + new TreeSet<>(KEYS));
            }
        }
        Duration window = SensorTime.duration("window", options.get("window", "10m"));
        Duration step = SensorTime.duration("step", options.get("step", options.get("window", "10m")));
        if (window.toMillis() / step.toMillis() > MAX_WINDOWS_PER_READING) {
            throw new IllegalArgumentException("window " + window + " holds more than " + MAX_WINDOWS_PER_READING
                    + " steps of " + step + ": use a larger step");
        }
        String layout = options.get("layout", "auto");
        if (!Set.of("auto", "long", "wide").contains(layout)) {
            throw new IllegalArgumentException("option 'layout' must be auto, long or wide, was '" + layout + "'");
        }
        String epochUnit = options.get("epoch-unit", "s");
        if (!Set.of("s", "ms").contains(epochUnit)) {
            throw new IllegalArgumentException("option 'epoch-unit' must be s or ms, was '" + epochUnit + "'");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(options.get("zone", "UTC"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("option 'zone' is not a time zone: '" + options.get("zone", "") + "'");
        }
        Map<String, String> columns = new HashMap<>();
        for (String role : new String[] {"timestamp", "asset", "signal", "value", "unit"}) {
            columns.put(role, options.get(role + "-column", role));
        }
        return new SensorOptions(delimiter(options.get("delimiter", ",")), layout, window, step, zone, epochUnit,
                Map.copyOf(columns), options.get("asset", null), options.get("label-column", null),
                units(options.get("units", "")));
    }

    private static char delimiter(String raw) {
        if ("tab".equalsIgnoreCase(raw) || "\\t".equals(raw) || "\t".equals(raw)) {
            return '\t';
        }
        if (raw.length() != 1 || raw.charAt(0) == '"' || raw.charAt(0) == '\n' || raw.charAt(0) == '\r') {
            throw new IllegalArgumentException("option 'delimiter' must be one character (or 'tab'), was '" + raw + "'");
        }
        return raw.charAt(0);
    }

    private static Map<String, String> units(String raw) {
        Map<String, String> units = new HashMap<>();
        if (raw.isBlank()) {
            return units;
        }
        for (String pair : raw.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("option 'units' must look like temp:degF,speed:rad/s, has '" + pair + "'");
            }
            units.put(SensorCsvAdapter.signalName(pair.substring(0, colon)), pair.substring(colon + 1).trim());
        }
        return Map.copyOf(units);
    }
}
