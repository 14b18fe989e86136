package org.baihua.plugins.industrial.sensor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.RecordSink;

/**
 * Groups readings per asset into fixed time windows and emits one record per asset and window
 * that holds any reading. Windows start at whole multiples of {@code step} since the epoch (UTC),
 * so the same readings give the same windows whatever file or order they arrive in; a window
 * covers {@code [start, start + window)}. With {@code step < window} windows overlap, with
 * {@code step == window} they tile time.
 *
 * <p>Each record holds {@code asset}, {@code window_start}, {@code window_end}, {@code samples}
 * (readings in the window), the {@link WindowFeatures} of every signal seen in the window (signals
 * not seen are simply absent: missing for the host), and the label of the window's latest labelled
 * reading under {@code labelField}. Its line is the line of the window's first reading.
 */
final class SensorWindows {

    private static final Comparator<Reading> ORDER =
            Comparator.comparing(Reading::time).thenComparingLong(Reading::line);

    private final long windowMillis;
    private final long stepMillis;
    private final String labelField;
    private final Map<String, List<Reading>> byAsset = new LinkedHashMap<>();

    SensorWindows(Duration window, Duration step, String labelField) {
        this.windowMillis = window.toMillis();
        this.stepMillis = step.toMillis();
        this.labelField = labelField;
    }

    void add(String asset, Reading reading) {
        byAsset.computeIfAbsent(asset, a -> new ArrayList<>()).add(reading);
    }

    /** Sends every window's record to the sink, asset by asset in order of first appearance, then by time. */
    void emit(RecordSink sink) {
        byAsset.forEach((asset, readings) -> {
            readings.sort(ORDER);
            TreeMap<Long, List<Reading>> windows = new TreeMap<>();
            for (Reading r : readings) {
                long t = r.time().toEpochMilli();
                long last = Math.floorDiv(t, stepMillis);
                long first = Math.floorDiv(t - windowMillis, stepMillis) + 1;
                for (long k = first; k <= last; k++) {
                    windows.computeIfAbsent(k, key -> new ArrayList<>()).add(r);
                }
            }
            windows.forEach((k, inWindow) -> sink.accept(record(asset, k * stepMillis, inWindow)));
        });
    }

    private DataRecord record(String asset, long start, List<Reading> readings) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("asset", asset);
        values.put("window_start", Instant.ofEpochMilli(start).toString());
        values.put("window_end", Instant.ofEpochMilli(start + windowMillis).toString());
        values.put("samples", (double) readings.size());
        Map<String, List<Reading>> bySignal = new TreeMap<>();
        long firstLine = Long.MAX_VALUE;
        String label = null;
        for (Reading r : readings) {
            bySignal.computeIfAbsent(r.signal(), s -> new ArrayList<>()).add(r);
            firstLine = Math.min(firstLine, r.line());
            if (r.label() != null) {
                label = r.label(); // readings are in time order: the latest labelled one wins
            }
        }
        bySignal.forEach((signal, list) -> WindowFeatures.summarise(signal, list, values));
        if (labelField != null && label != null) {
            values.put(labelField, label);
        }
        return new DataRecord(firstLine, values);
    }
}
