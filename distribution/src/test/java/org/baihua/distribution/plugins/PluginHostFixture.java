package org.baihua.distribution.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.Settings;
import org.baihua.core.datasets.DatasetService;
import org.baihua.core.datasets.IngestOutcome;
import org.baihua.core.plugin.Contribution;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.sdk.SampleData;

/**
 * A real host on an ephemeral port with one bundled plugin zip from the assembled distribution,
 * an admin key and a small JSON client: what a user of that plugin does, over REST or in-process.
 */
final class PluginHostFixture implements AutoCloseable {

    static final String ADMIN = "e2e-admin-key-0123456789abcdef";
    /**
     * Longest a training job may take before a test gives up (a deadline, not a timing assertion);
     * {@code -Dbaihua.e2e.job-deadline-seconds} raises it for sweeps on a loaded machine.
     */
    private static final long JOB_DEADLINE_SECONDS = Long.getLong("baihua.e2e.job-deadline-seconds", 900);

    private final BaihuaHost host;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** A finished training: the version document as REST shows it, and the job's event states. */
    record Trained(String model, int version, JsonNode document, List<String> states) {

        JsonNode test() {
            return document.get("metrics").get("test");
        }

        /** One line for the build log, the figures of the report. */
        String summary(String task, long seed) {
            JsonNode m = document.get("metrics");
            return "E2E " + task + " seed=" + seed + " split=" + m.get("split") + " epochsRun=" + m.get("epochsRun")
                    + " bestEpoch=" + m.get("bestEpoch") + " features=" + m.get("features")
                    + " decisionPolicy=" + m.get("decisionPolicy") + " timings(ms)=" + document.get("timings")
                    + " test={accuracy=" + num(test(), "accuracy") + ", macroF1=" + num(test(), "macroF1")
                    + ", f1=" + num(test(), "f1") + ", rocAuc=" + num(test(), "rocAuc") + ", prAuc=" + num(test(), "prAuc")
                    + ", expectedCost=" + num(test(), "expectedCost") + "} perClass=" + perClass(test());
        }

        private static String num(JsonNode node, String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? "-" : String.format(java.util.Locale.ROOT, "%.4f", v.asDouble());
        }

        private static String perClass(JsonNode evaluation) {
            StringBuilder text = new StringBuilder("{");
            for (JsonNode c : evaluation.get("perClass")) {
                text.append(text.length() > 1 ? ", " : "").append(c.get("label").asText())
                        .append(": p=").append(num(c, "precision")).append(" r=").append(num(c, "recall"))
                        .append(" f1=").append(num(c, "f1")).append(" auc=").append(num(c, "rocAuc"))
                        .append(" n=").append(c.get("support").asLong());
            }
            return text.append('}').toString();
        }
    }

    private PluginHostFixture(BaihuaHost host) {
        this.host = host;
    }

    /** Starts a host in {@code tmp} with only the named bundled plugin installed. */
    static PluginHostFixture start(Path tmp, String pluginId) throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path zip = bundledZip(pluginId);
        Files.copy(zip, plugins.resolve(zip.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        BaihuaHost host = BaihuaHost.start(new Settings(Map.of("server.port", "0", "data.dir", tmp.resolve("data").toString(),
                "plugins.dir", plugins.toString())), Map.of("BAIHUA_ADMIN_KEY", ADMIN));
        return new PluginHostFixture(host);
    }

    private static Path bundledZip(String pluginId) throws IOException {
        String dir = System.getProperty("baihua.dist.dir");
        if (dir == null) {
            throw new IllegalStateException("system property baihua.dist.dir is not set (run through Maven failsafe)");
        }
        try (var files = Files.list(Path.of(dir, "plugins"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("baihua-plugin-" + pluginId + "-"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no bundled zip of plugin '" + pluginId + "' in " + dir));
        }
    }

    /** Ingests a shipped sample in-process, exactly as the demo does; returns the data set id. */
    String ingestSample(String sampleName) {
        Contribution<SampleData> plugin = sampleOwner(sampleName);
        SampleData.Sample sample = sample(plugin, sampleName);
        IngestOutcome outcome = host.injector().getInstance(DatasetService.class).ingestSample(plugin.extension(), sample, "tests");
        return outcome.dataset().id();
    }

    /**
     * Uploads a shipped sample's file over REST with the ingest settings the plugin gives for it
     * (adapter options as {@code option.*}, mapping, label values); returns the 201 answer.
     */
    JsonNode uploadSample(String sampleName) throws IOException {
        Contribution<SampleData> plugin = sampleOwner(sampleName);
        SampleData.Sample sample = sample(plugin, sampleName);
        StringBuilder query = new StringBuilder("/api/v1/datasets?domain=").append(sample.domainId())
                .append("&task=").append(sample.taskId()).append("&format=").append(sample.format())
                .append("&name=").append(sample.name());
        new TreeMap<>(sample.options().values()).forEach((k, v) -> query.append("&option.").append(k).append('=').append(encode(v)));
        if (!sample.mapping().isEmpty()) {
            query.append("&mapping=").append(encode(join(sample.mapping(), '=')));
        }
        if (!sample.labelValues().isEmpty()) {
            query.append("&labelValues=").append(encode(join(sample.labelValues(), ':')));
        }
        byte[] file;
        try (InputStream in = plugin.extension().open(sampleName)) {
            file = in.readAllBytes();
        }
        return send("POST", query.toString(), "text/csv", HttpRequest.BodyPublishers.ofByteArray(file), 201);
    }

    /** Trains a version over REST and follows its job's event stream to the end. */
    Trained train(String model, String domain, String task, String dataset, String trainingJson) {
        return train(model, domain, task, dataset, trainingJson, null);
    }

    /** Trains a version on a named encoder (null: the host's choice) over REST, following its job to the end. */
    Trained train(String model, String domain, String task, String dataset, String trainingJson, String encoder) {
        return train(model, domain, task, dataset, trainingJson, encoder, null);
    }

    /** As {@link #train(String, String, String, String, String, String)}, with a head (JSON, null: the task's) too. */
    Trained train(String model, String domain, String task, String dataset, String trainingJson, String encoder, String headJson) {
        String body;
        try {
            Map<String, Object> request = new java.util.LinkedHashMap<>(Map.of("name", model, "domain", domain, "task", task,
                    "dataset", dataset, "training", json.readTree(trainingJson)));
            if (encoder != null) {
                request.put("encoder", encoder);
            }
            if (headJson != null) {
                request.put("head", json.readTree(headJson));
            }
            body = json.writeValueAsString(request);
        } catch (IOException e) {
            throw new UncheckedIOException("training options are not JSON: " + trainingJson, e);
        }
        JsonNode queued = postJson("/api/v1/models", body, 202);
        int version = queued.get("version").asInt();
        List<JsonNode> events = awaitJob(queued.get("job").asText());
        JsonNode last = events.get(events.size() - 1);
        if (!"SUCCEEDED".equals(last.get("state").asText())) {
            throw new AssertionError("training of " + model + " v" + version + " ended " + last);
        }
        List<String> states = events.stream().map(e -> e.get("state").asText()).toList();
        return new Trained(model, version, get("/api/v1/models/" + model + "/versions/" + version), states);
    }

    /** The rows of a data set as stored (after the plugin's redaction). */
    List<org.baihua.sdk.DataRecord> storedRows(String datasetId) {
        return host.injector().getInstance(org.baihua.core.registry.DatasetStore.class).readRows(datasetId);
    }

    /** Promotes a version to production. */
    JsonNode promote(Trained trained) {
        return postJson("/api/v1/models/" + trained.model() + "/versions/" + trained.version() + "/promote", "", 200);
    }

    /** The production version's predictions for the given records. */
    JsonNode predict(String model, List<Map<String, Object>> records, boolean explain) {
        try {
            String body = json.writeValueAsString(Map.of("records", records, "explain", explain));
            return postJson("/api/v1/models/" + model + "/predict", body, 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode get(String path) {
        return send("GET", path, null, HttpRequest.BodyPublishers.noBody(), 200);
    }

    JsonNode postJson(String path, String body, int expected) {
        return send("POST", path, "application/json", HttpRequest.BodyPublishers.ofString(body), expected);
    }

    private JsonNode send(String method, String path, String contentType, HttpRequest.BodyPublisher body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.uri() + path)).method(method, body)
                .header("Authorization", "Bearer " + ADMIN);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + " (expected " + expected
                        + "): " + response.body());
            }
            return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /** Every event of a job's SSE stream, which ends with the job's final state. */
    private List<JsonNode> awaitJob(String jobId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(host.uri() + "/api/v1/jobs/" + jobId + "/events"))
                .header("Authorization", "Bearer " + ADMIN).header("Accept", "text/event-stream").GET().build();
        CompletableFuture<List<JsonNode>> events = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    List<JsonNode> seen = new ArrayList<>();
                    for (String line : (Iterable<String>) response.body()::iterator) {
                        if (line.startsWith("data:")) {
                            try {
                                seen.add(json.readTree(line.substring(5).trim()));
                            } catch (IOException e) {
                                throw new UncheckedIOException("job " + jobId + " sent an event that is not JSON: " + line, e);
                            }
                        }
                    }
                    return seen;
                });
        try {
            List<JsonNode> seen = events.get(JOB_DEADLINE_SECONDS, TimeUnit.SECONDS);
            if (seen.isEmpty()) {
                throw new AssertionError("job " + jobId + " sent no event: " + get("/api/v1/jobs/" + jobId));
            }
            return seen;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for job " + jobId, e);
        } catch (Exception e) {
            throw new AssertionError("job " + jobId + " did not end within " + JOB_DEADLINE_SECONDS + " s: "
                    + get("/api/v1/jobs/" + jobId), e);
        }
    }

    private Contribution<SampleData> sampleOwner(String sampleName) {
        return host.injector().getInstance(DomainExtensions.class).samples().stream()
                .filter(c -> c.extension().samples().stream().anyMatch(s -> s.name().equals(sampleName)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no started plugin ships sample '" + sampleName + "'"));
    }

    private static SampleData.Sample sample(Contribution<SampleData> plugin, String sampleName) {
        return plugin.extension().samples().stream().filter(s -> s.name().equals(sampleName)).findFirst().orElseThrow();
    }

    private static String join(Map<String, String> pairs, char separator) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(pairs).forEach((k, v) -> text.append(text.length() == 0 ? "" : ",").append(k).append(separator).append(v));
        return text.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        host.close();
    }
}
