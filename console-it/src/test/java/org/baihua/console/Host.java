package org.baihua.console;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The assembled distribution's host, started with {@code bin/baihua serve --port 0} in its own
 * process (so the browser tests' classpath never meets the host's), with an admin and a reader key.
 */
final class Host implements AutoCloseable {

    static final String ADMIN = "console-admin-key-0123456789";
    private static final Pattern SERVING = Pattern.compile("Baihua is serving on (http://\\S+)");
    private static final Pattern KEY_LINE = Pattern.compile("^\\s+(\\S{16,})\\s*$");

    final URI uri;
    final String readerKey;
    private final Process process;
    private final List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private Host(URI uri, String readerKey, Process process) {
        this.uri = uri;
        this.readerKey = readerKey;
        this.process = process;
    }

    /** distribution/target/baihua-VERSION, set by the build. */
    static Path home() {
        String dir = System.getProperty("baihua.dist.dir");
        if (dir == null) {
            throw new IllegalStateException("system property baihua.dist.dir is not set (run through Maven failsafe)");
        }
        return Path.of(dir);
    }

    static Host start(Path workDir) throws Exception {
        Path data = workDir.resolve("data");
        Process keys = launcher(workDir, "keys", "create", "viewer", "--role", "reader", "--data-dir", data.toString()).start();
        String keysOut = new String(keys.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keys.waitFor(120, TimeUnit.SECONDS) || keys.exitValue() != 0) {
            throw new IllegalStateException("keys create failed: " + keysOut);
        }
        String reader = keysOut.lines().map(KEY_LINE::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no key in: " + keysOut));
        Process serve = launcher(workDir, "serve", "--port", "0", "--data-dir", data.toString()).start();
        CompletableFuture<URI> serving = new CompletableFuture<>();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        serving.complete(URI.create(m.group(1)));
                    }
                }
                serving.completeExceptionally(new IllegalStateException("the host exited: " + String.join("\n", lines)));
            } catch (IOException e) {
                serving.completeExceptionally(e);
            }
        }, "host-output");
        pump.setDaemon(true);
        pump.start();
        URI uri;
        try {
            uri = serving.get(180, TimeUnit.SECONDS);
        } catch (Exception e) {
            serve.destroyForcibly();
            throw new IllegalStateException("the host did not start: " + String.join("\n", lines), e);
        }
        Host host = new Host(URI.create(uri.toString().endsWith("/") ? uri.toString() : uri + "/"), reader, serve);
        host.output.addAll(lines);
        return host;
    }

    private static ProcessBuilder launcher(Path workDir, String... args) throws IOException {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>();
        command.add(home().resolve("bin/baihua").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("BAIHUA_ADMIN_KEY", ADMIN);
        return builder;
    }

    /** GET with the admin key, as JSON; fails on anything but 200. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri.resolve(path.startsWith("/") ? path.substring(1) : path))
                .header("Authorization", "Bearer " + ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
