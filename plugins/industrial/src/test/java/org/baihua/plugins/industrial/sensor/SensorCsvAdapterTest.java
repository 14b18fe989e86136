package org.baihua.plugins.industrial.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.testkit.CollectingSink;
import org.junit.jupiter.api.Test;

class SensorCsvAdapterTest {

    private final SensorCsvAdapter adapter = new SensorCsvAdapter();

    private CollectingSink read(String csv, String... options) throws IOException {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        CollectingSink sink = new CollectingSink();
        adapter.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), new AdapterOptions(map), sink);
        return sink;
    }

    @Test
    void longLayoutBecomesOneRecordPerAssetAndWindowWithSummaryFeatures() throws IOException {
        String csv = """
                timestamp,asset,signal,value
                2024-01-01T00:00:00Z,pump-1,temp,10
                2024-01-01T00:01:00Z,pump-1,temp,12
                2024-01-01T00:02:00Z,pump-1,temp,14
                2024-01-01T00:00:30Z,pump-2,temp,100
                2024-01-01T00:05:00Z,pump-1,temp,20
                """;
        CollectingSink sink = read(csv, "window", "5m");

        assertThat(adapter.format()).isEqualTo("sensor-csv");
        assertThat(sink.rejections()).isEmpty();
        assertThat(sink.records()).extracting(r -> r.get("asset"), r -> r.get("window_start"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("pump-1", "2024-01-01T00:00:00Z"),
                        org.assertj.core.groups.Tuple.tuple("pump-1", "2024-01-01T00:05:00Z"),
                        org.assertj.core.groups.Tuple.tuple("pump-2", "2024-01-01T00:00:00Z"));
        DataRecord first = sink.records().get(0);
        assertThat(first.get("window_end")).isEqualTo("2024-01-01T00:05:00Z");
        assertThat(first.get("samples")).isEqualTo(3.0);
        assertThat(first.get("temp_mean")).isEqualTo(12.0);
        assertThat((Double) first.get("temp_std")).isCloseTo(Math.sqrt(8.0 / 3), within(1e-12));
        assertThat(first.get("temp_min")).isEqualTo(10.0);
        assertThat(first.get("temp_max")).isEqualTo(14.0);
        assertThat((Double) first.get("temp_slope")).isCloseTo(2.0 / 60, within(1e-12)); // 2 per minute
        assertThat(first.get("temp_last")).isEqualTo(14.0);
        assertThat(first.line()).isEqualTo(2);
        DataRecord single = sink.records().get(1);
        assertThat(single.get("temp_std")).isEqualTo(0.0);
        assertThat(single.values()).doesNotContainKey("temp_slope");
    }

    @Test
    void overlappingWindowsWithAStepShorterThanTheWindow() throws IOException {
        String csv = "timestamp,asset,signal,value\n"
                + "2024-01-01T00:00:00Z,a,x,1\n2024-01-01T00:01:00Z,a,x,2\n2024-01-01T00:02:00Z,a,x,3\n";
        CollectingSink sink = read(csv, "window", "2m", "step", "1m");
        // Windows start on whole minutes; a 2-minute window starting at 23:59 already holds the first reading.
        assertThat(sink.records()).extracting(r -> r.get("window_start")).containsExactly(
                "2023-12-31T23:59:00Z", "2024-01-01T00:00:00Z", "2024-01-01T00:01:00Z", "2024-01-01T00:02:00Z");
        assertThat(sink.records()).extracting(r -> r.get("x_mean")).containsExactly(1.0, 1.5, 2.5, 3.0);
    }

    @Test
    void readingsOutOfOrderGiveTheSameWindowsAsInOrder() throws IOException {
        String ordered = "timestamp,asset,signal,value\n2024-01-01T00:00:00Z,a,x,1\n2024-01-01T00:03:00Z,a,x,7\n";
        String shuffled = "timestamp,asset,signal,value\n2024-01-01T00:03:00Z,a,x,7\n2024-01-01T00:00:00Z,a,x,1\n";
        DataRecord a = read(ordered, "window", "5m").records().get(0);
        DataRecord b = read(shuffled, "window", "5m").records().get(0);
        assertThat(b.without().values()).isEqualTo(a.values());
        assertThat(b.get("x_last")).isEqualTo(7.0);
    }

    @Test
    void wideLayoutWithUnitsInTheHeaderIsNormalised() throws IOException {
        String csv = "\uFEFFtimestamp;asset;Air temp [°C];Speed (rad/s);Vibration [mm/s]\r\n"
                + "2024-01-01 00:00:00;m1;25;104.72;0.5\r\n"
                + "2024-01-01 00:00:10;m1;27;;0.7\r\n";
        CollectingSink sink = read(csv, "delimiter", ";", "window", "1m");

        assertThat(sink.rejections()).isEmpty();
        DataRecord r = sink.records().get(0);
        assertThat((Double) r.get("air_temp_mean")).isCloseTo(299.15, within(1e-9));
        assertThat((Double) r.get("speed_mean")).isCloseTo(1000.0, within(0.01));
        assertThat((Double) r.get("vibration_max")).isEqualTo(0.7);
        assertThat(r.get("samples")).isEqualTo(5.0);
    }

    @Test
    void unitsConvertInTheLongLayoutAndMayMixWithinOneDimension() throws IOException {
        String csv = """
                timestamp,asset,signal,value,unit
                2024-01-01T00:00:00Z,a,temp,212,°F
                2024-01-01T00:00:01Z,a,temp,373.15,K
                2024-01-01T00:00:02Z,a,temp,100,degC
                2024-01-01T00:00:03Z,a,speed,60,rps
                2024-01-01T00:00:04Z,a,speed,3600,rpm
                """;
        DataRecord r = read(csv, "window", "1h").records().get(0);
        assertThat((Double) r.get("temp_min")).isCloseTo(373.15, within(1e-9));
        assertThat((Double) r.get("temp_max")).isCloseTo(373.15, within(1e-9));
        assertThat(r.get("speed_mean")).isEqualTo(3600.0);
    }

    @Test
    void everyBadRowIsRejectedWithItsLineAndReason() throws IOException {
        String csv = """
                timestamp,asset,signal,value,unit
                2024-01-01T00:00:00Z,a,temp,20,°C
                yesterday,a,temp,20,°C
                2024-01-01T00:00:02Z,,temp,20,°C
                2024-01-01T00:00:03Z,a,temp,warm,°C

                2024-01-01T00:00:04Z,a,temp,NaN,°C
                2024-01-01T00:00:05Z,a,temp,1e999,°C
                2024-01-01T00:00:06Z,a,temp,20,rpm
                2024-01-01T00:00:07Z,a,temp,20
                2024-01-01T00:00:00Z,a,temp,21,°C
                2024-01-01T00:00:08Z,a,,20,°C
                2024-01-01T00:00:09Z,a,temp,,°C
                2024-01-01T00:00:10Z,a,vib,1,mm/s
                2024-01-01T00:00:11Z,a,vib,1,in/s
                """;
        CollectingSink sink = read(csv, "window", "1h");

        assertThat(sink.rejections()).extracting(CollectingSink.Rejection::line)
                .containsExactly(3L, 4L, 5L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 15L);
        assertThat(sink.rejections()).extracting(CollectingSink.Rejection::reason).satisfiesExactly(
                r -> assertThat(r).contains("timestamp 'yesterday'"),
                r -> assertThat(r).contains("asset is empty"),
                r -> assertThat(r).contains("not a number: 'warm'"),
                r -> assertThat(r).contains("not finite"),
                r -> assertThat(r).contains("not finite"),
                r -> assertThat(r).contains("'rpm'").contains("'°C'"),
                r -> assertThat(r).contains("4 columns").contains("header has 5"),
                r -> assertThat(r).contains("duplicate").contains("line 2"),
                r -> assertThat(r).contains("signal name is empty"),
                r -> assertThat(r).contains("value of 'temp' is empty"),
                r -> assertThat(r).contains("'in/s'").contains("'mm/s'"));
        assertThat(sink.records()).singleElement().satisfies(r -> {
            assertThat(r.get("samples")).isEqualTo(2.0);
            assertThat((Double) r.get("temp_mean")).isCloseTo(293.15, within(1e-9));
            assertThat(r.get("vib_mean")).isEqualTo(1.0);
        });
    }

    @Test
    void theWindowLabelIsTheLatestLabelledReading() throws IOException {
        String csv = """
                timestamp,asset,signal,value,state
                2024-01-01T00:00:00Z,a,x,1,ok
                2024-01-01T00:04:00Z,a,x,2,failing
                2024-01-01T00:02:00Z,a,x,3,
                2024-01-01T00:06:00Z,a,x,4,
                """;
        CollectingSink sink = read(csv, "window", "5m", "label-column", "state");
        assertThat(sink.records().get(0).get("state")).isEqualTo("failing");
        assertThat(sink.records().get(1).values()).doesNotContainKey("state");
    }

    @Test
    void epochTimestampsZonesAndAFixedAsset() throws IOException {
        String csv = "time,temp\n1704067200000,1\n1704067260000,3\n";
        CollectingSink sink = read(csv, "timestamp-column", "time", "asset", "line-7", "epoch-unit", "ms", "window", "1h");
        assertThat(sink.records()).singleElement().satisfies(r -> {
            assertThat(r.get("asset")).isEqualTo("line-7");
            assertThat(r.get("window_start")).isEqualTo("2024-01-01T00:00:00Z");
            assertThat(r.get("temp_mean")).isEqualTo(2.0);
        });
        DataRecord berlin = read("timestamp,asset,x\n2024-01-01 00:30:00,a,1\n", "zone", "Europe/Berlin", "window", "1h")
                .records().get(0);
        assertThat(berlin.get("window_start")).isEqualTo("2023-12-31T23:00:00Z");
    }

    @Test
    void aWideRowWithABadCellIsRejectedWhole() throws IOException {
        String csv = "timestamp,asset,a,b\n2024-01-01T00:00:00Z,m,1,oops\n2024-01-01T00:00:01Z,m,,\n2024-01-01T00:00:02Z,m,2,3\n";
        CollectingSink sink = read(csv, "window", "1m", "units", "a:degF");
        assertThat(sink.rejections()).extracting(CollectingSink.Rejection::line).containsExactly(2L, 3L);
        assertThat(sink.rejections().get(1).reason()).contains("no readings");
        assertThat(sink.records()).singleElement().satisfies(r -> {
            assertThat((Double) r.get("a_mean")).isCloseTo((2 - 32) * 5 / 9.0 + 273.15, within(1e-9));
            assertThat(r.get("b_mean")).isEqualTo(3.0);
        });
    }

    @Test
    void multiLineQuotedFieldsKeepLineNumbersRight() throws IOException {
        String csv = "timestamp,asset,signal,value\n2024-01-01T00:00:00Z,\"pump\nnorth\",x,1\n2024-01-01T00:00:01Z,a,x,bad\n";
        CollectingSink sink = read(csv, "window", "1m");
        assertThat(sink.rejections()).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(4));
        assertThat(sink.records()).singleElement().satisfies(r -> assertThat(r.get("asset")).isEqualTo("pump\nnorth"));
    }

    @Test
    void fileLevelProblemsFailBeforeAnyRowIsRead() {
        assertThatThrownBy(() -> read("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("time,asset,x\n1,a,2\n")).hasMessageContaining("timestamp column 'timestamp'");
        assertThatThrownBy(() -> read("timestamp,x\n1,2\n")).hasMessageContaining("asset column").hasMessageContaining("asset=<id>");
        assertThatThrownBy(() -> read("timestamp,asset\n1,a\n")).hasMessageContaining("signal columns");
        assertThatThrownBy(() -> read("timestamp,asset,x,X\n1,a,2,3\n")).hasMessageContaining("signal 'x'");
        assertThatThrownBy(() -> read("timestamp,asset,x\n", "window", "0s")).hasMessageContaining("'window' must be positive");
        assertThatThrownBy(() -> read("timestamp,asset,x\n", "window", "soon")).hasMessageContaining("'window'");
        assertThatThrownBy(() -> read("timestamp,asset,x\n", "window", "1d", "step", "1s")).hasMessageContaining("larger step");
        assertThatThrownBy(() -> read("timestamp,asset,x\n", "windw", "1m")).hasMessageContaining("no option 'windw'");
        assertThatThrownBy(() -> read("timestamp,asset,x\n", "delimiter", ";;")).hasMessageContaining("'delimiter'");
        assertThatThrownBy(() -> read("timestamp,asset,x\n", "zone", "Mars/Olympus")).hasMessageContaining("'zone'");
        assertThatThrownBy(() -> read("timestamp,asset,x\n", "units", "x")).hasMessageContaining("'units'");
        assertThatThrownBy(() -> read("timestamp,asset,x\n", "label-column", "y")).hasMessageContaining("label column 'y'");
    }

    @Test
    void durationsInShortAndIsoForm() {
        assertThat(SensorTime.duration("w", "90s").toSeconds()).isEqualTo(90);
        assertThat(SensorTime.duration("w", "10min").toMinutes()).isEqualTo(10);
        assertThat(SensorTime.duration("w", "PT1H30M").toMinutes()).isEqualTo(90);
        assertThat(SensorTime.duration("w", "2d").toHours()).isEqualTo(48);
        assertThat(SensorTime.duration("w", "250ms").toMillis()).isEqualTo(250);
    }
}
