package org.baihua.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One host as a separate JVM started by the distribution's launcher, and a JSON client for it. */
final class HostProcess implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SERVING = Pattern.compile("Baihua is serving on (http://\\S+)");

    final String name;
    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final String key;
    final URI base;

    HostProcess(String name, Path workDir, Map<String, String> environment, String key, String... args) throws Exception {
        this.name = name;
        this.key = key;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("baihua.dist.dir")).resolve("bin/baihua").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        process = builder.start();
        base = awaitServing();
    }

    private URI awaitServing() throws Exception {
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        url.complete(URI.create(m.group(1)));
                    }
                }
                url.completeExceptionally(new AssertionError(name + " exited before serving:\n" + output()));
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
        return url.get(180, TimeUnit.SECONDS);
    }

    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    long pid() {
        return process.pid();
    }

    HttpResponse<String> send(String method, String path, String contentType, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method, body)
                .header("Authorization", "Bearer " + key);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a request and returns the JSON answer, failing with the body unless the status is {@code expected}. */
    JsonNode call(String method, String path, String contentType, HttpRequest.BodyPublisher body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, contentType, body);
        if (response.statusCode() != expected) {
            throw new AssertionError(name + ": " + method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body() + "\n--- host output ---\n" + output());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return call("GET", path, null, HttpRequest.BodyPublishers.noBody(), 200);
    }

    JsonNode postJson(String path, Object body, int expected) throws IOException, InterruptedException {
        return call("POST", path, "application/json", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)), expected);
    }

    /**
     * Waits until a job has ended (any host can answer: jobs live in the shared database), re-reading
     * it every 250 ms, and returns its last state; gives up after ten minutes.
     */
    JsonNode awaitJob(String jobId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            JsonNode job = get("/api/v1/jobs/" + jobId);
            String state = job.get("state").asText();
            if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED")) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": job " + jobId + " did not finish in ten minutes: " + job + "\n" + output());
            }
            CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(250, TimeUnit.MILLISECONDS)).join();
        }
    }

    /** Re-runs {@code probe} every 250 ms until it gives a value, failing after {@code timeout}. */
    static <T> T until(java.time.Duration timeout, java.util.concurrent.Callable<java.util.Optional<T>> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            java.util.Optional<T> value = probe.call();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(250, TimeUnit.MILLISECONDS)).join();
        }
    }

    /** Kills the JVM at once, as a crash or {@code kill -9} does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
