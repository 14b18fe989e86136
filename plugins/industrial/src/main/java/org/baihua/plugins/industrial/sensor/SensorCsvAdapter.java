package org.baihua.plugins.industrial.sensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataAdapter;
import org.baihua.sdk.RecordSink;
import org.pf4j.Extension;

/**
 * Reads sensor time series from CSV and turns them into fixed windows per asset with summary
 * features ({@link SensorWindows}, {@link WindowFeatures}). Two layouts:
 * <ul>
 *   <li>long: {@code timestamp, asset, signal, value[, unit]}, one reading per row;</li>
 *   <li>wide: {@code timestamp, asset, <signal>...}, one column per signal, the unit in the header
 *       ({@code temp [°C]}, {@code speed (rad/s)}) or in the {@code units} option; an empty cell
 *       is a missing reading.</li>
 * </ul>
 * Temperatures become kelvin and rotational speeds rpm ({@link Units}). A row that cannot be read
 * (bad timestamp, empty asset, non-numeric or non-finite value, wrong column count, a unit that
 * clashes with the signal's earlier unit, a duplicate reading) is rejected with its line and
 * reason; in the wide layout one bad cell rejects its row. Options: see {@link SensorOptions}.
 */
@Extension
public final class SensorCsvAdapter implements DataAdapter {

    private static final Pattern HEADER_UNIT = Pattern.compile("^(.*?)\\s*[\\[(]([^\\])]+)[\\])]\\s*$");

    @Override
    public String format() {
        return "sensor-csv";
    }

    @Override
    public void read(InputStream in, AdapterOptions adapterOptions, RecordSink sink) throws IOException {
        SensorOptions options = SensorOptions.from(adapterOptions);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(options.delimiter()).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).get();
        CSVParser parser = format.parse(reader);
        Iterator<CSVRecord> rows = parser.iterator();
        if (!rows.hasNext()) {
            throw new IllegalArgumentException("sensor-csv: the file is empty, expected a header");
        }
        List<String> header = new ArrayList<>(rows.next().toList());
        header.set(0, header.get(0).replace("\uFEFF", ""));
        Layout layout = Layout.of(header, options);
        SensorWindows windows = new SensorWindows(options.window(), options.step(), options.labelColumn());
        Map<String, Units.Unit> signalUnits = new HashMap<>();
        Map<String, Long> seen = new HashMap<>();
        long previousEnd = parser.getCurrentLineNumber();
        try {
            while (rows.hasNext()) {
                CSVRecord row = rows.next();
                // The parser counts line breaks read so far: that is the row's last line when the row
                // ends in a break (skipped blank lines included); the file's last row may not.
                long line = Math.max(previousEnd + 1, parser.getCurrentLineNumber() - breaksInside(row));
                previousEnd = Math.max(line + breaksInside(row), parser.getCurrentLineNumber());
                try {
                    List<Layout.Cell> cells = layout.cells(row, header.size());
                    List<Reading> readings = new ArrayList<>(cells.size());
                    for (Layout.Cell cell : cells) {
                        readings.add(reading(line, cell, layout, signalUnits));
                    }
                    for (Reading r : readings) {
                        Long earlier = seen.putIfAbsent(layout.asset(row) + '\u0000' + r.signal() + '\u0000' + r.time(), line);
                        if (earlier != null) {
                            throw new IllegalArgumentException("duplicate reading of '" + r.signal() + "' at " + r.time()
                                    + " (first on line " + earlier + ")");
                        }
                    }
                    readings.forEach(r -> windows.add(layout.asset(row), r));
                } catch (IllegalArgumentException e) {
                    sink.reject(line, e.getMessage());
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalStateException e) {
            // Commons CSV reports a broken quote this way; the rest of the file cannot be trusted.
            throw new IllegalArgumentException("sensor-csv: cannot read the file after line " + previousEnd + ": "
                    + e.getMessage(), e);
        }
        windows.emit(sink);
    }

    private static Reading reading(long line, Layout.Cell cell, Layout layout, Map<String, Units.Unit> signalUnits) {
        double raw;
        try {
            raw = Double.parseDouble(cell.value());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value of '" + cell.signal() + "' is not a number: '" + cell.value() + "'");
        }
        if (!Double.isFinite(raw)) {
            throw new IllegalArgumentException("value of '" + cell.signal() + "' is not finite: '" + cell.value() + "'");
        }
        Units.Unit unit = Units.of(cell.unit());
        Units.Unit first = signalUnits.putIfAbsent(cell.signal(), unit);
        if (first != null && !first.compatibleWith(unit)) {
            throw new IllegalArgumentException("signal '" + cell.signal() + "' is in '" + unit.name()
                    + "' here but was in '" + first.name() + "' before; one signal needs one kind of unit");
        }
        return new Reading(line, cell.time(), cell.signal(), unit.canonical(raw), cell.label());
    }

    private static long breaksInside(CSVRecord row) {
        long breaks = 0;
        for (String value : row) {
            breaks += value.replace("\r\n", "\n").chars().filter(c -> c == '\n' || c == '\r').count();
        }
        return breaks;
    }

    /** A signal name as features use it: lower case, runs of other characters as one underscore. */
    static String signalName(String raw) {
        return raw.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }

    /** A wide header cell split into signal name and unit ({@code Air temperature [K]}). */
    static String[] headerSignal(String raw) {
        Matcher m = HEADER_UNIT.matcher(raw);
        return m.matches() ? new String[] {signalName(m.group(1)), m.group(2).trim()} : new String[] {signalName(raw), ""};
    }
}
