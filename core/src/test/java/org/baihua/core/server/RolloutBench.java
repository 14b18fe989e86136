package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.baihua.core.inference.Serving;
import org.baihua.core.registry.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark of issue 16, run by hand ({@code -Dtest=RolloutBench -Dbench=true}), never in CI:
 * predict latency and throughput with and without a shadow version (same host, same run,
 * interleaved rounds) and with every record sampled for drift (a second host with the same model,
 * in the same rounds), and the first request after a promote with and without warm-up. Figures go
 * to docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class RolloutBench {

    private static final List<Map<String, Object>> RECORD = List.of(Map.of("glucose", 150.0, "bmi", 29.0, "sex", "f"));
    private static final int CALLS = 3000;
    private static final int ROUNDS = 3;

    @TempDir
    Path tmp;

    @Test
    void shadowOverheadAndWarmUp() throws Exception {
        StringBuilder out = new StringBuilder("\n");
        for (boolean warm : new boolean[] {true, false}) {
            Path dir = tmp.resolve(warm ? "warm" : "cold");
            try (HostFixture fixture = new HostFixture(dir, Map.of("serving.warm-up", Boolean.toString(warm), "drift.sample-rate", "0"))) {
                fixture.postBytes("/api/v1/plugins", ClinicFixture.versionedZip(dir.resolve("f"), "1.0.0", false));
                String dataset = ClinicFixture.ingest(fixture, 300, 1);
                ClinicFixture.train(fixture, "risk", dataset);
                ClinicFixture.train(fixture, "risk", dataset);
                ModelRegistry registry = fixture.get(ModelRegistry.class);
                Serving serving = fixture.get(Serving.class);
                registry.promote("risk", 1);
                if (warm) {
                    // a second host, the same model, every record sampled for drift (the worst case; the default rate is 0.1)
                    Path driftDir = tmp.resolve("drift");
                    try (HostFixture drifting = new HostFixture(driftDir, Map.of("drift.sample-rate", "1"))) {
                        drifting.postBytes("/api/v1/plugins", ClinicFixture.versionedZip(driftDir.resolve("f"), "1.0.0", false));
                        ClinicFixture.train(drifting, "risk", ClinicFixture.ingest(drifting, 300, 1));
                        drifting.get(ModelRegistry.class).promote("risk", 1);
                        Serving sampled = drifting.get(Serving.class);
                        for (int round = 0; round < ROUNDS; round++) {
                            fixture.delete("/api/v1/models/risk/traffic");
                            out.append(measure("round " + round + " no shadow", () -> serving.predict("risk", null, RECORD, false, h -> null)));
                            assertThat(fixture.send("PUT", "/api/v1/models/risk/traffic", HostFixture.ADMIN, "application/json",
                                    java.net.http.HttpRequest.BodyPublishers.ofString("{\"shadow\": {\"version\": 2}}")).status()).isEqualTo(200);
                            out.append(measure("round " + round + " shadow v2", () -> serving.predict("risk", null, RECORD, false, h -> null)));
                            out.append(measure("round " + round + " drift sampling 1.0", () -> sampled.predict("risk", null, RECORD, false, h -> null)));
                        }
                        out.append("drift window: ").append(drifting.get("/api/v1/models/risk/drift").json().get("sampled").asLong())
                                .append(" samples taken\n");
                    }
                    out.append("shadow summary: ").append(fixture.get("/api/v1/models/risk/shadow").body()).append('\n');
                    fixture.delete("/api/v1/models/risk/traffic");
                }
                // first request after promote: the other version is archived (its session closed), then promoted
                long[] promote = new long[5];
                long[] first = new long[5];
                for (int i = 0; i < 5; i++) {
                    int next = registry.production("risk").orElseThrow().version() == 1 ? 2 : 1;
                    registry.archive("risk", next);
                    long start = System.nanoTime();
                    registry.promote("risk", next);
                    promote[i] = System.nanoTime() - start;
                    start = System.nanoTime();
                    assertThat(serving.predict("risk", null, RECORD, false, h -> null).result().version()).isEqualTo(next);
                    first[i] = System.nanoTime() - start;
                }
                out.append(String.format("warm-up %s: promote p50 %.2f ms, first request after promote p50 %.2f ms (max %.2f)%n",
                        warm ? "on" : "off", median(promote) / 1e6, median(first) / 1e6, Arrays.stream(first).max().orElse(0) / 1e6));
            }
        }
        System.out.println("RolloutBench" + out);
    }

    private static String measure(String label, Supplier<Serving.Answer> call) {
        for (int i = 0; i < 300; i++) {
            call.get();
        }
        long[] nanos = new long[CALLS];
        long start = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            long t = System.nanoTime();
            call.get();
            nanos[i] = System.nanoTime() - t;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        return String.format("%s: p50 %.3f ms, p99 %.3f ms, %.0f calls/s%n", label, nanos[CALLS / 2] / 1e6,
                nanos[CALLS * 99 / 100] / 1e6, CALLS / seconds);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
