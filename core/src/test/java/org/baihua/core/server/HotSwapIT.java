package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.baihua.core.inference.PredictionResult;
import org.baihua.core.inference.Predictor;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.registry.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swap under load: 8 threads predict while another promotes and rolls back 50 times. No
 * prediction may fail, and each must come from a version that was production at some moment of
 * the call, with exactly that version's answer.
 */
class HotSwapIT {

    private static final int SWAPS = 50;
    private static final List<Map<String, Object>> RECORD = List.of(Map.of("glucose", 131.0, "bmi", 28.5, "sex", "f"));

    @TempDir
    Path tmp;

    /** One promote or rollback call: between start and end, {@code version} became production. */
    record Swap(long start, long end, int version) {}

    /** One prediction call and the version that answered. */
    record Call(long start, long end, int version, double probability) {}

    @Test
    void promotesAndRollbacksUnderLoadFailNoPrediction() throws Exception {
        try (HostFixture fixture = new HostFixture(tmp, Map.of())) {
            fixture.get(PluginHost.class).install(ClinicFixture.pluginZip(tmp.resolve("fixtures")));
            ClinicFixture.train(fixture, "risk", ClinicFixture.ingest(fixture, 400, 1));
            ClinicFixture.train(fixture, "risk", ClinicFixture.ingest(fixture, 400, 2));
            ModelRegistry registry = fixture.get(ModelRegistry.class);
            Predictor predictor = fixture.get(Predictor.class);
            double[] reference = {Double.NaN,
                    positive(predictor.predict("risk", 1, RECORD, false)), positive(predictor.predict("risk", 2, RECORD, false))};
            assertThat(reference[1]).isNotEqualTo(reference[2]);
            registry.promote("risk", 1);

            ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean swapping = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(pool.submit(() -> {
                    while (swapping.get()) {
                        long start = System.nanoTime();
                        try {
                            PredictionResult result = predictor.predict("risk", null, RECORD, false);
                            calls.add(new Call(start, System.nanoTime(), result.version(), positive(result)));
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            List<Swap> swaps = new ArrayList<>();
            for (int i = 0; i < SWAPS; i++) {
                long start = System.nanoTime();
                int now = i % 2 == 0 ? registry.promote("risk", 2).version() : registry.rollback("risk").version();
                swaps.add(new Swap(start, System.nanoTime(), now));
            }
            swapping.set(false);
            for (Future<?> worker : workers) {
                worker.get(1, TimeUnit.MINUTES);
            }
            pool.shutdown();

            assertThat(failures).isEmpty();
            assertThat(calls).hasSizeGreaterThan(SWAPS);
            assertThat(calls).extracting(Call::version).contains(1, 2);
            for (Call call : calls) {
                assertThat(call.probability()).as("answer of version %d", call.version()).isEqualTo(reference[call.version()]);
                assertThat(wasProductionDuring(call, swaps)).as("version %d was production during the call", call.version()).isTrue();
            }
        }
    }

    /** Version 1 is production until the first swap; each swap makes its version production until the next one ends. */
    private static boolean wasProductionDuring(Call call, List<Swap> swaps) {
        long from = Long.MIN_VALUE;
        int version = 1;
        for (Swap swap : swaps) {
            // The current version may be production until this swap ends.
            if (version == call.version() && from <= call.end() && swap.end() >= call.start()) {
                return true;
            }
            from = swap.start();
            version = swap.version();
        }
        return version == call.version() && from <= call.end();
    }

    private static double positive(PredictionResult result) {
        return result.predictions().get(0).probabilities().get("positive");
    }
}
