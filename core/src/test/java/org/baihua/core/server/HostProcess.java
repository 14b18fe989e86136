package org.baihua.core.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A host in its own JVM ({@code baihua serve} from the test class path), to be killed like a real process. */
final class HostProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("Baihua is serving on (http://\\S+)");

    final Process process;
    final URI uri;
    private final StringBuffer output = new StringBuffer();

    HostProcess(Path dataDir, Path pluginsDir, String adminKey) throws Exception {
        this(dataDir, pluginsDir, adminKey, "-Xmx512m", null);
    }

    /** A host with this heap option ({@code -Xmx512m}) and, when not null, this config file. */
    HostProcess(Path dataDir, Path pluginsDir, String adminKey, String heap, Path conf) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), heap, "-XX:+ExitOnOutOfMemoryError",
                "-XX:TieredStopAtLevel=1", "-cp", classPath, "org.baihua.core.cli.BaihuaCli", "serve", "--port", "0",
                "--data-dir", dataDir.toString(), "--plugins-dir", pluginsDir.toString()));
        if (conf != null) {
            command.addAll(List.of("--conf", conf.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BAIHUA_ADMIN_KEY", adminKey);
        process = builder.start();
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.append(line).append('\n');
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        url.complete(URI.create(m.group(1)));
                    }
                }
                url.completeExceptionally(new AssertionError("host exited before serving:\n" + output));
            } catch (java.io.IOException e) {
                url.completeExceptionally(e);
            }
        }, "host-output");
        reader.setDaemon(true);
        reader.start();
        try {
            // generous: on two shared, busy cores a JVM with a small heap can take minutes to start
            uri = url.get(300, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly(); // no caller can close a host whose constructor failed
            throw new AssertionError("host did not serve within 300 s:\n" + output, e);
        }
    }

    /** Kills the JVM at once, as a crash or {@code kill -9} would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("host did not die");
        }
    }

    String output() {
        return output.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
