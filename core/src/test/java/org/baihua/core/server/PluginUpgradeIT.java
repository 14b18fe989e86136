package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.ref.WeakReference;
import java.net.http.HttpRequest;
import java.nio.file.Files;
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
import org.baihua.core.plugin.PluginPin;
import org.baihua.core.plugin.PluginState;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.sdk.Preprocessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin upgrade without downtime: two builds of the clinic plugin whose preprocessor (same class
 * name) differs, installed side by side. A model trained on each serves its own answers; 8 threads
 * predicting on the old version's model while the new build is installed, the model retrained on it
 * and promoted see no failure; the old build cannot be removed while a model pins it and unloads,
 * its class loader collected, once the last such model is archived.
 */
class PluginUpgradeIT {

    /** High glucose, low bmi: the builds' models disagree on it. */
    private static final List<Map<String, Object>> RECORD = List.of(Map.of("glucose", 170.0, "bmi", 23.0, "sex", "f"));

    @TempDir
    Path tmp;

    record Call(int version, double probability) {}

    @Test
    void upgradesUnderLoadWithNoFailedRequestAndUnloadsTheOldBuildWhenUnused() throws Exception {
        try (HostFixture fixture = new HostFixture(tmp, Map.of())) {
            PluginHost plugins = fixture.get(PluginHost.class);
            ModelRegistry registry = fixture.get(ModelRegistry.class);
            Predictor predictor = fixture.get(Predictor.class);
            plugins.install(ClinicFixture.versionedZip(tmp.resolve("f1"), "1.0.0", false));
            ClinicFixture.train(fixture, "risk", ClinicFixture.ingest(fixture, 400, 1));
            registry.promote("risk", 1);
            double oldAnswer = positive(predictor.predict("risk", null, RECORD, false));

            ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(pool.submit(() -> {
                    while (running.get()) {
                        try {
                            PredictionResult result = predictor.predict("risk", null, RECORD, false);
                            calls.add(new Call(result.version(), positive(result)));
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            HostFixture.Response installed = fixture.send("POST", "/api/v1/plugins", HostFixture.ADMIN, "application/zip",
                    HttpRequest.BodyPublishers.ofFile(ClinicFixture.versionedZip(tmp.resolve("f2"), "1.1.0", true)));
            assertThat(installed.status()).as(installed.body()).isEqualTo(201);
            assertThat(installed.json().get("current").asBoolean()).isTrue();
            HostFixture.Response retrain = fixture.postJson("/api/v1/models/risk/retrain", "{}");
            assertThat(retrain.status()).as(retrain.body()).isEqualTo(202);
            JsonNode done = fixture.awaitJob(retrain.json().get("job").asText(), 300);
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(registry.version("risk", 2).lineage().pluginVersion()).isEqualTo("1.1.0");
            assertThat(registry.version("risk", 2).lineage().datasetId()).isEqualTo(registry.version("risk", 1).lineage().datasetId());
            registry.promote("risk", 2);
            int before = calls.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (calls.stream().filter(c -> c.version() == 2).count() < 16 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get(1, TimeUnit.MINUTES);
            }
            pool.shutdown();
            double newAnswer = positive(predictor.predict("risk", 2, RECORD, false));

            assertThat(failures).as("failed predictions during the upgrade").isEmpty();
            assertThat(before).isGreaterThan(8);
            assertThat(calls).extracting(Call::version).contains(1, 2);
            assertThat(Math.abs(oldAnswer - newAnswer)).as("the builds' models disagree").isGreaterThan(0.2);
            for (Call call : calls) {
                assertThat(call.probability()).as("answer of version %d", call.version())
                        .isEqualTo(call.version() == 1 ? oldAnswer : newAnswer);
            }
            // each model keeps serving with its own build
            assertThat(positive(predictor.predict("risk", 1, RECORD, false))).isEqualTo(oldAnswer);
            assertThat(positive(predictor.predict("risk", 2, RECORD, false))).isEqualTo(newAnswer);

            JsonNode list = fixture.get("/api/v1/plugins").json();
            assertThat(list).hasSize(2);
            assertThat(list.get(0).get("version").asText()).isEqualTo("1.1.0");
            assertThat(list.get(0).get("pinnedBy").toString()).isEqualTo("[\"risk v2\"]");
            assertThat(list.get(1).get("version").asText()).isEqualTo("1.0.0");
            assertThat(list.get(1).get("current").asBoolean()).isFalse();
            assertThat(list.get(1).get("pinnedBy").toString()).isEqualTo("[\"risk v1\"]");

            HostFixture.Response refused = fixture.delete("/api/v1/plugins/clinic?version=1.0.0");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body()).contains("risk v1").contains("--force");

            PluginPin old = new PluginPin("clinic", "1.0.0");
            WeakReference<ClassLoader> loader = loaderOf(plugins, old);
            registry.archive("risk", 1);
            assertThat(plugins.info("clinic", "1.0.0").state()).isEqualTo(PluginState.UNLOADED);
            assertThat(Files.exists(tmp.resolve("plugins/clinic-1.0.0.zip"))).isTrue();
            long gcDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (loader.get() != null && System.nanoTime() < gcDeadline) {
                System.gc();
                byte[] pressure = new byte[1 << 20];
                assertThat(pressure).hasSize(1 << 20);
            }
            assertThat(loader.get()).as("the old build's class loader is collected").isNull();

            // an archived version promoted again loads its build again
            registry.promote("risk", 1);
            assertThat(positive(predictor.predict("risk", null, RECORD, false))).isEqualTo(oldAnswer);
            assertThat(plugins.info("clinic", "1.0.0").state()).isEqualTo(PluginState.STARTED);
        }
    }

    private static WeakReference<ClassLoader> loaderOf(PluginHost plugins, PluginPin pin) {
        return new WeakReference<>(plugins.extensions(Preprocessor.class, pin).get(0).extension().getClass().getClassLoader());
    }

    private static double positive(PredictionResult result) {
        return result.predictions().get(0).probabilities().get("positive");
    }
}
