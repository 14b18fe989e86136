package org.baihua.bench.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Baihua host in its own JVM ({@code baihua serve --port 0}), started from this JVM's class path. */
final class HostProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("Baihua is serving on (http://\\S+)");

    private final Process process;
    private final URI uri;

    HostProcess(Path dataDir, Path pluginsDir, String adminKey, List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.baihua.core.cli.BaihuaCli", "serve",
                "--port", "0", "--data-dir", dataDir.toString(), "--plugins-dir", pluginsDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BAIHUA_ADMIN_KEY", adminKey);
        process = builder.start();
        CompletableFuture<URI> serving = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        serving.complete(URI.create(m.group(1)));
                    } else if (!serving.isDone()) {
                        System.err.println("[host] " + line);
                    }
                }
                serving.completeExceptionally(new IllegalStateException("The host process ended before serving"));
            } catch (IOException e) {
                serving.completeExceptionally(e);
            }
        }, "host-output");
        drain.setDaemon(true);
        drain.start();
        try {
            uri = serving.get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("The host did not start: " + e.getMessage(), e);
        }
    }

    URI uri() {
        return uri;
    }

    long pid() {
        return process.pid();
    }

    /** Stops the host gracefully (its shutdown hook closes the registry) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
