package org.baihua.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.baihua.core.config.ConfigException;
import org.baihua.core.config.Settings;
import org.baihua.core.features.FieldEncoding;
import org.baihua.core.features.PipelineState;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;

/** Profiles and windows without a host: PSI per input, the window's bound, the statuses and their thresholds. */
class DriftMonitorTest {

    private static final List<String> LABELS = List.of("no", "yes");
    private static final TaskSpec TASK = new TaskSpec("t", "a task", TaskKind.BINARY, LABELS,
            List.of(FieldSpec.numeric("x", "x"), FieldSpec.numeric("y", "y"), FieldSpec.categorical("c", "c")), HeadSpec.linear(),
            Metric.ROC_AUC, null);
    private static final PipelineState STATE = new PipelineState("t", null, 0, 8, List.of(
            new FieldEncoding("x", org.baihua.sdk.FieldType.NUMERIC, 0, 2, 0.0, 1.0, null),
            new FieldEncoding("y", org.baihua.sdk.FieldType.NUMERIC, 2, 2, 0.0, 1.0, null),
            new FieldEncoding("c", org.baihua.sdk.FieldType.CATEGORICAL, 4, 4, null, null, List.of("a", "b"))));

    private static List<DataRecord> rows(int n, long seed, double xShift, String category) {
        Random random = new Random(seed);
        List<DataRecord> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> values = new HashMap<>();
            values.put("x", random.nextGaussian() + xShift);
            values.put("y", random.nextGaussian() * 3 + 10);
            values.put("c", category != null ? category : random.nextBoolean() ? "a" : "b");
            rows.add(new DataRecord(i + 1, values));
        }
        return rows;
    }

    private static ReferenceProfile profile() {
        List<DataRecord> train = rows(2000, 1, 0, null);
        List<int[]> labels = new ArrayList<>();
        List<List<String>> decided = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            labels.add(new int[] {i % 2});
            decided.add(List.of(LABELS.get(i % 2)));
        }
        return ProfileBuilder.of(TASK, STATE, train, new float[train.size()][8], labels, LABELS, decided);
    }

    private static DriftMonitor monitor(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("drift.sample-rate", "1", "drift.window", "500", "drift.min-samples", "200"));
        all.putAll(settings);
        return new DriftMonitor(new Settings(all), new SimpleMeterRegistry());
    }

    private static void observe(DriftMonitor monitor, ReferenceProfile profile, List<DataRecord> rows) {
        List<List<String>> decided = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            decided.add(List.of(LABELS.get(i % 2)));
        }
        monitor.observe("m", 1, profile, LABELS, rows, new float[rows.size()][8], decided);
    }

    private static DriftReport.InputDrift input(DriftReport report, String field) {
        return report.inputs().stream().filter(i -> i.field().equals(field)).findFirst().orElseThrow();
    }

    @Test
    void theTrainingDistributionIsOkAndAShiftedInputAlertsAlone() {
        ReferenceProfile profile = profile();
        assertThat(profile.numeric()).hasSize(2);
        assertThat(profile.numeric().get(0).values().edges()).hasSize(9);
        DriftMonitor monitor = monitor(Map.of());

        observe(monitor, profile, rows(100, 2, 0, null));
        DriftReport few = monitor.report("m", 1, profile, LABELS);
        assertThat(few.status()).isEqualTo("not-enough-data");
        assertThat(few.samples()).isEqualTo(100);
        assertThat(input(few, "x").psi()).isNotNull();

        observe(monitor, profile, rows(400, 3, 0, null));
        DriftReport same = monitor.report("m", 1, profile, LABELS);
        assertThat(same.samples()).as("bounded by drift.window").isEqualTo(500);
        assertThat(same.sampled()).isEqualTo(500);
        assertThat(same.status()).as(same.toString()).isEqualTo("ok");
        assertThat(input(same, "x").psi()).isLessThan(0.1);

        observe(monitor, profile, rows(500, 4, 1.5, null));
        DriftReport moved = monitor.report("m", 1, profile, LABELS);
        assertThat(moved.sampled()).isEqualTo(1000);
        assertThat(moved.status()).isEqualTo("alert");
        assertThat(input(moved, "x").status()).isEqualTo("alert");
        assertThat(input(moved, "x").psi()).isGreaterThan(0.25);
        assertThat(input(moved, "x").mean()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.2));
        assertThat(input(moved, "y").status()).isEqualTo("ok");
        assertThat(input(moved, "c").status()).isEqualTo("ok");
        assertThat(moved.labels().status()).isEqualTo("ok");
        assertThat(moved.detail()).contains("x alert").doesNotContain("y ");

        observe(monitor, profile, rows(500, 5, 0, "z"));
        DriftReport unseen = monitor.report("m", 1, profile, LABELS);
        assertThat(input(unseen, "c").status()).as("a category never seen in training").isEqualTo("alert");
        assertThat(input(unseen, "x").status()).isEqualTo("ok");
    }

    @Test
    void aVersionWithoutProfileSaysSoAndNothingIsSampled() {
        DriftMonitor monitor = monitor(Map.of());
        monitor.observe("m", 1, null, LABELS, rows(10, 1, 0, null), new float[10][8], List.of());
        DriftReport report = monitor.report("m", 1, null, LABELS);
        assertThat(report.status()).isEqualTo("no-profile");
        assertThat(report.detail()).contains("trained before drift profiles existed");
        assertThat(report.inputs()).isEmpty();
    }

    @Test
    void thresholdsAndRateAreConfiguredAndSamplingOffKeepsNothing() {
        ReferenceProfile profile = profile();
        DriftMonitor lenient = monitor(Map.of("drift.warn-psi", "0.5", "drift.alert-psi", "5"));
        DriftMonitor usual = monitor(Map.of());
        observe(lenient, profile, rows(300, 3, 1, null));
        observe(usual, profile, rows(300, 3, 1, null));
        assertThat(input(usual.report("m", 1, profile, LABELS), "x").status()).isEqualTo("alert");
        assertThat(input(lenient.report("m", 1, profile, LABELS), "x").status()).isEqualTo("warn");

        DriftMonitor off = monitor(Map.of("drift.sample-rate", "0"));
        assertThat(off.sampling()).isFalse();
        observe(off, profile, rows(300, 3, 0, null));
        assertThat(off.report("m", 1, profile, LABELS).samples()).isZero();

        assertThatThrownBy(() -> monitor(Map.of("drift.min-samples", "600"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("drift.min-samples");
        assertThatThrownBy(() -> monitor(Map.of("drift.sample-rate", "1.5"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be in [0.0, 1.0]");
    }

    @Test
    void forgettingAVersionDropsItsWindowAndGauges() {
        ReferenceProfile profile = profile();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DriftMonitor monitor = new DriftMonitor(new Settings(Map.of("drift.sample-rate", "1")), meters);
        observe(monitor, profile, rows(10, 3, 0, null));
        assertThat(meters.find("baihua.drift.psi").tag("input", "x").gauge()).isNotNull();
        assertThat(meters.find("baihua.drift.samples").gauge().value()).isEqualTo(10);
        monitor.forget("m", 1);
        assertThat(meters.find("baihua.drift.psi").gauges()).isEmpty();
        assertThat(monitor.report("m", 1, profile, LABELS).samples()).isZero();
    }
}
