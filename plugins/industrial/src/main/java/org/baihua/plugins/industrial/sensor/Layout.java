package org.baihua.plugins.industrial.sensor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/** Where a sensor file keeps timestamp, asset, signals and values, resolved once from its header. */
final class Layout {

    /** One reading's raw parts, before unit normalisation. */
    record Cell(Instant time, String signal, String value, String unit, String label) {}

    private final SensorOptions options;
    private final boolean longLayout;
    private final int timestamp;
    private final int asset;
    private final int signal;
    private final int value;
    private final int unit;
    private final int label;
    private final List<Integer> signalColumns = new ArrayList<>();
    private final List<String[]> signalNames = new ArrayList<>();

    private Layout(List<String> header, SensorOptions options) {
        this.options = options;
        this.timestamp = required(header, options.columns().get("timestamp"), "timestamp");
        this.asset = options.fixedAsset() != null ? -1 : required(header, options.columns().get("asset"), "asset");
        this.label = options.labelColumn() == null ? -1 : required(header, options.labelColumn(), "label");
        int signalAt = header.indexOf(options.columns().get("signal"));
        int valueAt = header.indexOf(options.columns().get("value"));
        this.longLayout = switch (options.layout()) {
            case "long" -> true;
            case "wide" -> false;
            default -> signalAt >= 0 && valueAt >= 0;
        };
        if (longLayout) {
            this.signal = required(header, options.columns().get("signal"), "signal");
            this.value = required(header, options.columns().get("value"), "value");
            this.unit = header.indexOf(options.columns().get("unit"));
        } else {
            this.signal = -1;
            this.value = -1;
            this.unit = -1;
            wideSignals(header);
        }
    }

    static Layout of(List<String> header, SensorOptions options) {
        return new Layout(header, options);
    }

    private void wideSignals(List<String> header) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            if (i == timestamp || i == asset || i == label) {
                continue;
            }
            String[] nameAndUnit = SensorCsvAdapter.headerSignal(header.get(i));
            if (nameAndUnit[0].isEmpty()) {
                throw new IllegalArgumentException("sensor-csv: column " + (i + 1) + " ('" + header.get(i)
                        + "') has no usable signal name");
            }
            if (!names.add(nameAndUnit[0])) {
                throw new IllegalArgumentException("sensor-csv: two columns are both signal '" + nameAndUnit[0] + "'");
            }
            String unitOption = options.units().get(nameAndUnit[0]);
            signalColumns.add(i);
            signalNames.add(new String[] {nameAndUnit[0], unitOption != null ? unitOption : nameAndUnit[1]});
        }
        if (signalColumns.isEmpty()) {
            throw new IllegalArgumentException("sensor-csv: the wide layout needs signal columns besides timestamp and asset; "
                    + "for the long layout the header needs '" + options.columns().get("signal") + "' and '"
                    + options.columns().get("value") + "' columns; header was " + header);
        }
    }

    private static int required(List<String> header, String column, String role) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("sensor-csv: no " + role + " column '" + column + "' in the header " + header
                    + " (name it with the option " + role + "-column" + ("asset".equals(role) ? " or set asset=<id>" : "") + ")");
        }
        return index;
    }

    String asset(CSVRecord row) {
        return asset < 0 ? options.fixedAsset() : row.get(asset);
    }

    /** The row's readings. @throws IllegalArgumentException for a row that cannot be read */
    List<Cell> cells(CSVRecord row, int width) {
        if (row.size() != width) {
            throw new IllegalArgumentException("row has " + row.size() + " columns, the header has " + width);
        }
        if (asset(row).isBlank()) {
            throw new IllegalArgumentException("asset is empty");
        }
        String rawTime = row.get(timestamp);
        if (rawTime.isBlank()) {
            throw new IllegalArgumentException("timestamp is empty");
        }
        Instant time = SensorTime.parse(rawTime, options.zone(), options.epochUnit());
        String rowLabel = label < 0 || row.get(label).isBlank() ? null : row.get(label).trim();
        List<Cell> cells = new ArrayList<>();
        if (longLayout) {
            String name = SensorCsvAdapter.signalName(row.get(signal));
            if (name.isEmpty()) {
                throw new IllegalArgumentException("signal name is empty");
            }
            if (row.get(value).isBlank()) {
                throw new IllegalArgumentException("value of '" + name + "' is empty");
            }
            cells.add(new Cell(time, name, row.get(value), unit < 0 ? "" : row.get(unit), rowLabel));
            return cells;
        }
        for (int i = 0; i < signalColumns.size(); i++) {
            String cell = row.get(signalColumns.get(i));
            if (!cell.isBlank()) {
                cells.add(new Cell(time, signalNames.get(i)[0], cell, signalNames.get(i)[1], rowLabel));
            }
        }
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("row has no readings");
        }
        return cells;
    }
}
