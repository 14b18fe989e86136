package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.baihua.core.plugin.PluginFixtures;

/**
 * A tabular test domain ({@code clinic}, task {@code risk}: binary, numeric and categorical
 * inputs) that trains in well under a second without the text encoder, and helpers to ingest,
 * train and promote a model of it over REST.
 */
public final class ClinicFixture {

    public static final String DOMAIN = "clinic";
    public static final String TASK = "risk";

    private ClinicFixture() {}

    /** Writes the plugin zip {@code clinic.zip} into {@code dir}. */
    public static Path pluginZip(Path dir) throws IOException {
        return new PluginFixtures(Files.createDirectories(dir)).plugin("clinic").source("fixture.clinic.ClinicDomain", """
                package fixture.clinic;
                import java.util.List;
                import org.baihua.sdk.*;
                @org.pf4j.Extension
                public class ClinicDomain implements Domain {
                    public String id() { return "clinic"; }
                    public String displayName() { return "Clinic"; }
                    public List<TaskSpec> tasks() {
                        return List.of(new TaskSpec("risk", "risk from two readings", TaskKind.BINARY, List.of("negative", "positive"),
                                List.of(FieldSpec.numeric("glucose", "mg/dL"), FieldSpec.numeric("bmi", "kg/m2"),
                                        FieldSpec.categorical("sex", "f or m")),
                                HeadSpec.linear(), Metric.ROC_AUC, null));
                    }
                }
                """).build("clinic.zip");
    }

    /**
     * Writes version {@code version} of the clinic plugin into {@code dir}, with a preprocessor of the same
     * class name in every build: {@code glucoseFromBmi} false passes records through, true replaces
     * glucose by bmi (a build whose models ignore glucose). A model served with the other build's
     * preprocessor would answer differently.
     */
    public static Path versionedZip(Path dir, String version, boolean glucoseFromBmi) throws IOException {
        return new PluginFixtures(Files.createDirectories(dir)).plugin("clinic").property("plugin.version", version)
                .source("fixture.clinic.ClinicDomain", pluginDomainSource())
                .source("fixture.clinic.Prep", """
                        package fixture.clinic;
                        import java.util.List;
                        import org.baihua.sdk.*;
                        @org.pf4j.Extension
                        public class Prep implements Preprocessor {
                            public boolean appliesTo(String domainId, String taskId) { return "clinic".equals(domainId); }
                            public FittedState fit(TaskSpec task, List<DataRecord> training) { return FittedState.empty(); }
                            public DataRecord transform(DataRecord record, FittedState state) {
                                return %s ? record.with("glucose", record.number("bmi")) : record;
                            }
                        }
                        """.formatted(glucoseFromBmi)).build("clinic-" + version + ".zip");
    }

    /**
     * Writes the clinic plugin into {@code dir} with a pass-through preprocessor that waits at a
     * {@link PluginGate} while one is set up for its phase.
     */
    public static Path gatedZip(Path dir) throws IOException {
        return new PluginFixtures(Files.createDirectories(dir)).plugin("clinic")
                .source("fixture.clinic.ClinicDomain", pluginDomainSource())
                .source("fixture.clinic.Gate", """
                        package fixture.clinic;
                        import java.util.List;
                        import java.util.concurrent.CountDownLatch;
                        import java.util.concurrent.TimeUnit;
                        import org.baihua.sdk.*;
                        @org.pf4j.Extension
                        public class Gate implements Preprocessor {
                            public boolean appliesTo(String domainId, String taskId) { return "clinic".equals(domainId); }
                            public FittedState fit(TaskSpec task, List<DataRecord> training) {
                                pass("fit");
                                return FittedState.empty();
                            }
                            public DataRecord transform(DataRecord record, FittedState state) {
                                pass("transform");
                                return record;
                            }
                            private static void pass(String phase) {
                                if (System.getProperties().get("baihua.it.gate." + phase) instanceof CountDownLatch[] gate) {
                                    gate[0].countDown();
                                    try {
                                        if (!gate[1].await(5, TimeUnit.MINUTES)) {
                                            throw new IllegalStateException("the test never opened the gate");
                                        }
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                        throw new IllegalStateException(e);
                                    }
                                }
                            }
                        }
                        """).build("clinic-gated.zip");
    }

    private static String pluginDomainSource() {
        return """
                package fixture.clinic;
                import java.util.List;
                import org.baihua.sdk.*;
                @org.pf4j.Extension
                public class ClinicDomain implements Domain {
                    public String id() { return "clinic"; }
                    public String displayName() { return "Clinic"; }
                    public List<TaskSpec> tasks() {
                        return List.of(new TaskSpec("risk", "risk from two readings", TaskKind.BINARY, List.of("negative", "positive"),
                                List.of(FieldSpec.numeric("glucose", "mg/dL"), FieldSpec.numeric("bmi", "kg/m2"),
                                        FieldSpec.categorical("sex", "f or m")),
                                HeadSpec.linear(), Metric.ROC_AUC, null));
                    }
                }
                """;
    }

    /** A CSV where high glucose and bmi mean {@code positive}; deterministic for a seed. */
    public static String csv(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("glucose,bmi,sex,label\n");
        for (int i = 0; i < rows; i++) {
            boolean positive = i % 2 == 0;
            double glucose = (positive ? 160 : 95) + random.nextGaussian() * 12;
            double bmi = (positive ? 33 : 24) + random.nextGaussian() * 2;
            csv.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f,%s,%s%n", glucose, bmi, random.nextBoolean() ? "f" : "m",
                    positive ? "positive" : "negative"));
        }
        return csv.toString();
    }

    /** Ingests {@link #csv} and returns the data set id. */
    public static String ingest(HostFixture fixture, int rows, long seed) {
        HostFixture.Response ingested = fixture.postText("/api/v1/datasets?domain=clinic&task=risk", "text/csv", csv(rows, seed));
        assertThat(ingested.status()).as(ingested.body()).isIn(200, 201);
        return ingested.json().get("id").asText();
    }

    /** Trains a new version of {@code model} on {@code dataset}, waits for it and returns the 202 answer. */
    public static JsonNode train(HostFixture fixture, String model, String dataset) {
        HostFixture.Response queued = fixture.postJson("/api/v1/models", """
                {"name": "%s", "domain": "clinic", "task": "risk", "dataset": "%s", "training": {"epochs": 60, "learningRate": 0.05, "seed": 3}}
                """.formatted(model, dataset));
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        JsonNode done = fixture.awaitJob(queued.json().get("job").asText(), 120);
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        JsonNode version = fixture.get("/api/v1/models/" + model + "/versions/" + queued.json().get("version").asInt()).json();
        assertThat(version.get("metrics").get("test").get("rocAuc").asDouble()).as(version.toString()).isGreaterThan(0.9);
        return queued.json();
    }
}
