package org.baihua.bench.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Short-request latency while a long request runs (issue 14, item 2).
 *
 * <p>Starts a host in its own JVM (no plugins) and measures {@code POST /api/v1/encoders/{id}/embed}
 * with one short text from one client: first alone (baseline), then while another client's call
 * of {@code --long-texts} distinct texts (tens of seconds of encoder work) runs. The encoder's
 * workers take turns between calls, so the short call should wait for at most one text per worker.
 * Then the long client disconnects, and the bench records how long until the host's queue is empty
 * again (it polls short calls), and sends the 5.4 MB explain-style text of the issue to see it refused.
 */
public final class FairShareBench {

    private static final String KEY = "bench-admin-key-0123456789abcdef";

    private FairShareBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = HttpPredictBenchOptions.parse(args);
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "20"));
        int longTexts = Integer.parseInt(options.getOrDefault("long-texts", "40000"));
        Path work = Files.createTempDirectory("baihua-fair-bench-");
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        System.out.printf(Locale.ROOT, "# Fair share: %d cores, Java %s, %s s per phase, long call of %d texts; load average at start %.1f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), seconds, longTexts,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        HttpClient http = HttpClient.newHttpClient();
        try (HostProcess host = new HostProcess(work.resolve("data"), plugins, KEY, List.of("-Xmx1g"))) {
            URI base = host.uri();
            String id = "all-minilm-l6-v2-q";
            URI embed = base.resolve("/api/v1/encoders/" + id + "/embed");
            post(http, embed, "{\"texts\": [\"warm up the encoder\"]}");
            Latencies alone = shortCalls(http, embed, seconds, "alone");
            report("short embed, alone", alone);

            StringBuilder body = new StringBuilder("{\"texts\": [");
            for (int i = 0; i < longTexts; i++) {
                body.append(i == 0 ? "" : ",").append("\"long call text ").append(i).append(" about pumps, valves and chest pain\"");
            }
            body.append("]}");
            // The long call on a plain socket, so that the bench can drop the connection like a client that gives up.
            byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.net.Socket longClient = new java.net.Socket(base.getHost(), base.getPort());
            longClient.getOutputStream().write(("POST " + embed.getPath() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            longClient.getOutputStream().write(bytes);
            longClient.getOutputStream().flush();
            Thread.sleep(3_000); // let the long call be parsed and queued
            Latencies during = shortCalls(http, embed, seconds, "during");
            report("short embed, while a " + longTexts + "-text call runs", during);
            longClient.setSoTimeout(1);
            boolean answered;
            try {
                answered = longClient.getInputStream().read() >= 0;
            } catch (java.net.SocketTimeoutException e) {
                answered = false;
            }
            System.out.printf(Locale.ROOT, "long call answered during the phase: %s%n", answered);

            long cancelled = System.nanoTime();
            longClient.close();
            System.out.printf(Locale.ROOT, "long client disconnected; short calls after it: first %.1f ms%n",
                    timeOne(http, embed) / 1e6);
            System.out.printf(Locale.ROOT, "(%.1f s after the disconnect)%n", (System.nanoTime() - cancelled) / 1e9);

            String huge = "word ".repeat(5_400_000 / 5);
            long start = System.nanoTime();
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(embed).header("Authorization", "Bearer " + KEY)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"texts\": [\"" + huge + "\"]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf(Locale.ROOT, "5.4 MB text: HTTP %d in %.1f ms: %s%n", refused.statusCode(), (System.nanoTime() - start) / 1e6,
                    refused.body().replaceAll(".*\"detail\":\"([^\"]*)\".*", "$1"));
        }
    }

    private static Latencies shortCalls(HttpClient http, URI embed, double seconds, String label) throws Exception {
        Latencies latencies = new Latencies();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int i = 0;
        while (System.nanoTime() < end) {
            latencies.add(timeOne(http, embed, label + " short text " + i++));
        }
        return Latencies.merge(List.of(latencies));
    }

    private static long timeOne(HttpClient http, URI embed) throws Exception {
        return timeOne(http, embed, "after " + System.nanoTime());
    }

    private static long timeOne(HttpClient http, URI embed, String text) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = post(http, embed, "{\"texts\": [\"" + text + "\"]}");
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("short call answered " + response.statusCode() + ": " + response.body());
        }
        return took;
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String body) throws Exception {
        return http.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).get(5, TimeUnit.MINUTES);
    }

    private static void report(String what, Latencies latencies) {
        System.out.printf(Locale.ROOT, "%s: %d calls, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, latencies.size(),
                latencies.quantileMillis(0.5), latencies.quantileMillis(0.9), latencies.quantileMillis(0.99), latencies.quantileMillis(1.0));
    }

    /** {@code --key value} pairs. */
    static final class HttpPredictBenchOptions {
        static Map<String, String> parse(String[] args) {
            Map<String, String> options = new java.util.HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
                }
                options.put(args[i].substring(2), args[i + 1]);
            }
            return options;
        }
    }
}
