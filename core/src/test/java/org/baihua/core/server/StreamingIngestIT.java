package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.baihua.core.plugin.PluginFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest streams: a generated CSV twice the host's heap is ingested whole by a host in its own JVM
 * (with {@code -XX:+ExitOnOutOfMemoryError}), which answers health all the while. Holding the file,
 * or its records, in memory would end in an out-of-memory error. In the build: 256 MiB with
 * {@code -Xmx128m}, about a minute on two shared cores; the run, 1 GiB with {@code -Xmx512m}:
 * {@code -Dbaihua.it.streaming-ingest-bytes=1073741824 -Dbaihua.it.streaming-ingest-heap=-Xmx512m}.
 * The health latencies and the heap seen are printed for docs/benchmarks.md; the test asserts only
 * that every probe was answered.
 */
class StreamingIngestIT {

    private static final String ADMIN = "stream-admin-key-0123456789abcdef";
    private static final long BYTES = Long.getLong("baihua.it.streaming-ingest-bytes", 256L << 20);
    private static final String HEAP = System.getProperty("baihua.it.streaming-ingest-heap", "-Xmx128m");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aFileLargerThanTheHeapIsIngestedWhileTheHostKeepsAnswering() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path zip = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures"))).plugin("notes")
                .domain("fixture.notes.NotesDomain", "notes").build("notes.zip");
        Files.move(zip, plugins.resolve("notes.zip"));
        Path conf = Files.writeString(tmp.resolve("baihua.properties"), "datasets.max-bytes=" + (BYTES + (1 << 20)) + "\n");
        try (HostProcess host = new HostProcess(tmp.resolve("data"), plugins, ADMIN, HEAP, conf)) {
            Probes probes = new Probes(host.uri);
            probes.start();
            GeneratedCsv csv = new GeneratedCsv(BYTES);
            long started = System.nanoTime();
            HttpResponse<String> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(host.uri.resolve("/api/v1/datasets?domain=notes&task=topic&name=big"))
                                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "text/csv")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> csv)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } finally {
                probes.stop();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            String metricsAfter = http.send(HttpRequest.newBuilder(host.uri.resolve("/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            System.out.printf("streaming ingest: host GC pauses %d, %.1f s in all, longest %.2f s%n",
                    (long) metricSum(metricsAfter, "jvm_gc_pause_seconds_count"), metricSum(metricsAfter, "jvm_gc_pause_seconds_sum"),
                    metricMax(metricsAfter, "jvm_gc_pause_seconds_max"));
            // printed first: the figures matter most when an assertion fails
            List<Long> sorted = new ArrayList<>(probes.latenciesMillis);
            Collections.sort(sorted);
            System.out.printf("streaming ingest: %d bytes, %d rows in %.1f s (%.1f MB/s); health probes %d, median %d ms, max %d ms;"
                            + " heap used max %d MiB (old generation %d MiB) with %s; answer %d%n", csv.produced, csv.rows, seconds, csv.produced / seconds / 1e6,
                    sorted.size(), sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2), sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1), probes.maxHeap.get() >> 20, probes.maxOld.get() >> 20, HEAP, answer.statusCode());
            assertThat(answer.statusCode()).as("%s\nhost output:\n%s", answer.body(), host.output()).isEqualTo(201);
            JsonNode dataset = JSON.readTree(answer.body());
            assertThat(dataset.get("rows").asLong()).isEqualTo(csv.rows);
            assertThat(dataset.get("labelCounts").get("a").asLong() + dataset.get("labelCounts").get("b").asLong()).isEqualTo(csv.rows);
            assertThat(probes.failures).as("health probes that failed").isEmpty();
            assertThat(probes.latenciesMillis).as("health was probed during the ingest").isNotEmpty();
        }
    }

    /** Health and heap, every 200 ms, from another client while the upload runs. */
    private final class Probes {
        private final URI base;
        final List<Long> latenciesMillis = Collections.synchronizedList(new ArrayList<>());
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong maxHeap = new AtomicLong();
        final AtomicLong maxOld = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        Probes(URI base) {
            this.base = base;
            this.thread = new Thread(this::loop, "health-probes");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(30_000);
        }

        private void loop() {
            HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            while (running) {
                try {
                    long t0 = System.nanoTime();
                    HttpResponse<String> health = probe.send(HttpRequest.newBuilder(base.resolve("/api/v1/health"))
                            .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + ADMIN).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    latenciesMillis.add((System.nanoTime() - t0) / 1_000_000);
                    if (health.statusCode() != 200) {
                        failures.add(health.statusCode() + " " + health.body());
                    }
                    String metrics = probe.send(HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(60)).GET().build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    maxHeap.accumulateAndGet(heapUsed(metrics, ""), Math::max);
                    maxOld.accumulateAndGet(heapUsed(metrics, "Old Gen"), Math::max);
                    maxOld.accumulateAndGet(heapUsed(metrics, "Tenured Gen"), Math::max);
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        }
    }

    /** Sum of the used bytes of the heap pools whose name holds {@code pool}, in a Prometheus scrape. */
    private static long heapUsed(String metrics, String pool) {
        long sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"") && line.contains(pool)) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Sum over the labels of a Prometheus metric, in a scrape. */
    private static double metricSum(String metrics, String name) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Largest value over the labels of a Prometheus metric, in a scrape. */
    private static double metricMax(String metrics, String name) {
        double max = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                max = Math.max(max, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return max;
    }

    /** A CSV of about {@code size} bytes made on the fly (nothing on disk): a text column and a label of two values. */
    private static final class GeneratedCsv extends InputStream {
        private final long size;
        private byte[] chunk = "text,label\n".getBytes(StandardCharsets.UTF_8);
        private int at;
        long produced;
        long rows;

        GeneratedCsv(long size) {
            this.size = size;
        }

        private boolean fill() {
            if (at < chunk.length) {
                return true;
            }
            if (produced >= size) {
                return false;
            }
            StringBuilder rowsText = new StringBuilder(64 * 1024);
            while (rowsText.length() < 60 * 1024 && produced + rowsText.length() < size) {
                rows++;
                rowsText.append("\"note ").append(rows).append(": the pump in hall ").append(rows % 97)
                        .append(" hums, pressure steady, valve checked, nothing to report today\",")
                        .append(rows % 3 == 0 ? 'b' : 'a').append('\n');
            }
            chunk = rowsText.toString().getBytes(StandardCharsets.UTF_8);
            at = 0;
            return true;
        }

        @Override
        public int read() {
            if (!fill()) {
                return -1;
            }
            produced++;
            return chunk[at++] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, chunk.length - at);
            System.arraycopy(chunk, at, buffer, offset, n);
            at += n;
            produced += n;
            return n;
        }
    }
}
