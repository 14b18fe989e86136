package org.baihua.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.baihua.core.storage.StorageConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out benchmark of docs/benchmarks.md, run by hand (not in CI):
 * {@code BAIHUA_SCALE_BENCH=true} with the {@code BAIHUA_TEST_PG_*} variables, then
 * {@code ./mvnw -pl distribution,scaleout-it -am verify -Dit.test=ScaleOutBenchIT ...}. Predict
 * throughput through 1, 2 and 3 hosts (same clients, same records, rounds interleaved), the delay from
 * a promote on host 2 to host 3 serving it, and the delay of a plugin install or removal on host 1
 * reaching host 2, with LISTEN/NOTIFY and with polling only.
 */
class ScaleOutBenchIT {

    private static final String KEY = "bh_scaleout_bench_admin_key_0123456789";
    private static final String COLUMNS = "checking_status,duration_months,credit_history,purpose,credit_amount,savings,"
            + "employment_since,installment_rate,personal_status,other_debtors,residence_since,property,age,"
            + "other_installment_plans,housing,existing_credits,job,dependents,telephone,foreign_worker,class";
    private static final int CLIENTS = 4;
    private static final int SECONDS = 12;

    private final String pgUrl = System.getenv("BAIHUA_TEST_PG_URL");
    private final String pgUser = System.getenv("BAIHUA_TEST_PG_USER");
    private final String pgPassword = System.getenv("BAIHUA_TEST_PG_PASSWORD");

    @TempDir
    Path temp;

    @Test
    void scaleOut() throws Exception {
        assumeTrue("true".equals(System.getenv("BAIHUA_SCALE_BENCH")), "BAIHUA_SCALE_BENCH=true runs the scale-out benchmark");
        assumeTrue(pgUrl != null && !pgUrl.isBlank(), "BAIHUA_TEST_PG_URL is not set");
        List<String> report = new ArrayList<>();
        try (S3Server s3 = new S3Server(Files.createDirectories(temp.resolve("s3")))) {
            report.addAll(withNotifications(s3));
            report.addAll(pluginDelays(s3, false));
        }
        System.out.println("=== scale-out benchmark ===");
        report.forEach(System.out::println);
    }

    private List<String> withNotifications(S3Server s3) throws Exception {
        List<String> report = new ArrayList<>();
        try (Cluster cluster = new Cluster(s3, "notify", true)) {
            List<HostProcess> hosts = List.of(cluster.start(1), cluster.start(2), cluster.start(3));
            HostProcess one = hosts.get(0);
            cluster.installFinance(one);
            String query = "domain=finance&task=credit-risk&option.header=false&option.columns="
                    + URLEncoder.encode(COLUMNS, StandardCharsets.UTF_8) + "&mapping=label=class&labelValues=1:good,2:bad";
            String dataset = one.call("POST", "/api/v1/datasets?" + query, "text/csv",
                    HttpRequest.BodyPublishers.ofFile(Path.of(System.getProperty("baihua.german.csv"))), 201).get("id").asText();
            for (int seed : new int[] {7, 8}) {
                String job = one.postJson("/api/v1/models", Map.of("name", "credit", "domain", "finance", "task", "credit-risk",
                        "dataset", dataset, "training", Map.of("epochs", 15, "seed", seed)), 202).get("job").asText();
                assertThat(one.awaitJob(job).get("state").asText()).isEqualTo("SUCCEEDED");
            }
            one.call("POST", "/api/v1/models/credit/versions/1/promote", null, HttpRequest.BodyPublishers.noBody(), 200);
            List<String> records = records(200);
            for (HostProcess host : hosts) {
                predict(host, records.get(0)); // load the session everywhere before measuring
            }

            // Throughput: the same clients spread their requests over the first k hosts; rounds interleaved.
            Map<Integer, List<Double>> rates = new LinkedHashMap<>();
            for (int round = 0; round < 2; round++) {
                for (int k = 1; k <= 3; k++) {
                    rates.computeIfAbsent(k, x -> new ArrayList<>()).add(throughput(hosts.subList(0, k), records));
                }
            }
            double base = mean(rates.get(1));
            report.add(String.format("predict, %d clients, 1 record per request, %d s per run, 2 runs each:", CLIENTS, SECONDS));
            for (var entry : rates.entrySet()) {
                report.add(String.format("  %d host(s): %s req/s, mean %.1f, ratio to 1 host %.2f", entry.getKey(),
                        entry.getValue().stream().map(r -> String.format("%.1f", r)).toList(), mean(entry.getValue()),
                        mean(entry.getValue()) / base));
            }

            // Promote on host 2, then host 3 is asked until it answers with that version.
            List<Double> promote = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int version = i % 2 == 0 ? 2 : 1;
                hosts.get(1).call("POST", "/api/v1/models/credit/versions/" + version + "/promote", null,
                        HttpRequest.BodyPublishers.noBody(), 200);
                long start = System.nanoTime();
                int requests = 0;
                while (true) {
                    requests++;
                    if (predict(hosts.get(2), records.get(i)) == version) {
                        break;
                    }
                }
                promote.add((System.nanoTime() - start) / 1e6);
                assertThat(requests).as("host 3's first request after the promote answers with the new version").isEqualTo(1);
            }
            report.add("promote on host 2 -> served by host 3 (first request answers the new version in all 10): "
                    + summary(promote));
            report.addAll(cluster.pluginCycles("LISTEN/NOTIFY", one, hosts.get(1)));
        }
        return report;
    }

    private List<String> pluginDelays(S3Server s3, boolean notifications) throws Exception {
        try (Cluster cluster = new Cluster(s3, "poll", notifications)) {
            HostProcess one = cluster.start(1);
            HostProcess two = cluster.start(2);
            cluster.installFinance(one);
            return cluster.pluginCycles("polling only (cluster.notify=false, cluster.poll-millis=2000)", one, two);
        }
    }

    private double throughput(List<HostProcess> hosts, List<String> records) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        List<Future<Integer>> counts = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            counts.add(clients.submit(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    HostProcess host = hosts.get((client + n) % hosts.size());
                    predict(host, records.get((client * 31 + n) % records.size()));
                    n++;
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.get();
        }
        clients.shutdown();
        return total / (double) SECONDS;
    }

    private static int predict(HostProcess host, String record) throws Exception {
        HttpResponse<String> response = host.send("POST", "/api/v1/models/credit/predict", "application/json",
                HttpRequest.BodyPublishers.ofString("{\"records\": [" + record + "]}"));
        if (response.statusCode() != 200) {
            throw new AssertionError(host.name + " answered " + response.statusCode() + ": " + response.body());
        }
        return HostProcess.JSON.readTree(response.body()).get("version").asInt();
    }

    private static List<String> records(int count) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("baihua.german.csv")));
        String[] names = COLUMNS.split(",");
        List<String> records = new ArrayList<>();
        for (String line : lines.subList(0, count)) {
            String[] values = line.split(",");
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < names.length - 1; i++) {
                record.put(names[i], values[i].matches("\\d+") ? Integer.parseInt(values[i]) : values[i]);
            }
            records.add(HostProcess.JSON.writeValueAsString(record));
        }
        return records;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String summary(List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format("median %.0f ms, min %.0f, max %.0f (n=%d) %s", sorted[sorted.length / 2], sorted[0],
                sorted[sorted.length - 1], sorted.length, Arrays.toString(Arrays.stream(sorted).mapToLong(Math::round).toArray()));
    }

    /** Hosts on one schema and one bucket, closed together. */
    private final class Cluster implements AutoCloseable {
        private final String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        private final List<HostProcess> hosts = new ArrayList<>();
        private final Path conf;
        private final Path dir;

        Cluster(S3Server s3, String name, boolean notifications) throws Exception {
            sql("CREATE SCHEMA " + schema);
            dir = Files.createDirectories(temp.resolve(name));
            StorageConfig bucket = s3.newBucket("bench-" + name, "");
            String separator = pgUrl.contains("?") ? "&" : "?";
            conf = Files.writeString(dir.resolve("baihua.properties"), String.join("\n",
                    "registry.jdbc.url=" + pgUrl + separator + "currentSchema=" + schema,
                    "registry.user=" + pgUser, "registry.password=" + pgPassword,
                    "storage.type=s3", "storage.s3.endpoint=" + bucket.endpoint(), "storage.s3.region=us-east-1",
                    "storage.s3.bucket=" + bucket.bucket(), "storage.s3.path-style=true",
                    "cluster.notify=" + notifications, "jobs.threads=1", "encoder.threads=1", ""));
        }

        HostProcess start(int n) throws Exception {
            Path hostDir = Files.createDirectories(dir.resolve("host" + n));
            Path hostConf = Files.writeString(hostDir.resolve("baihua.properties"), Files.readString(conf) + "jobs.host-id=host-" + n + "\n");
            HostProcess host = new HostProcess("host-" + n, hostDir, Map.of("BAIHUA_ADMIN_KEY", KEY,
                    "AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY, "JAVA_OPTS", "-Xmx512m"),
                    KEY, "serve", "--port", "0", "--conf", hostConf.toString(), "--data-dir", hostDir.resolve("data").toString(),
                    "--plugins-dir", Files.createDirectories(hostDir.resolve("plugins")).toString());
            hosts.add(host);
            return host;
        }

        void installFinance(HostProcess host) throws Exception {
            host.call("POST", "/api/v1/plugins", "application/zip", HttpRequest.BodyPublishers.ofFile(financeZip()), 201);
        }

        /** Five removals and five installs on {@code from}, each timed until {@code to} shows it. */
        List<String> pluginCycles(String mode, HostProcess from, HostProcess to) throws Exception {
            await(to, true);
            List<Double> removed = new ArrayList<>();
            List<Double> installed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                from.call("DELETE", "/api/v1/plugins/finance", null, HttpRequest.BodyPublishers.noBody(), 204);
                removed.add(await(to, false));
                installFinance(from);
                installed.add(await(to, true));
            }
            return List.of("plugin removed on host 1 -> gone on host 2, " + mode + ": " + summary(removed),
                    "plugin installed on host 1 -> STARTED on host 2, " + mode + ": " + summary(installed));
        }

        private double await(HostProcess host, boolean present) throws Exception {
            long start = System.nanoTime();
            while (true) {
                boolean started = false;
                for (JsonNode plugin : host.get("/api/v1/plugins")) {
                    started |= plugin.get("id").asText().equals("finance") && plugin.get("state").asText().equals("STARTED");
                }
                if (started == present) {
                    return (System.nanoTime() - start) / 1e6;
                }
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
                    throw new AssertionError("finance " + (present ? "never appeared" : "never left") + " on " + host.name);
                }
                Thread.sleep(5);
            }
        }

        @Override
        public void close() throws Exception {
            for (HostProcess host : hosts) {
                host.close();
            }
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static Path financeZip() throws Exception {
        try (var zips = Files.list(Path.of(System.getProperty("baihua.dist.dir")).resolve("plugins"))) {
            return zips.filter(p -> p.getFileName().toString().startsWith("baihua-plugin-finance")).findFirst().orElseThrow();
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
