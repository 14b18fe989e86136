package org.baihua.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code bin/baihua} launcher as a user would, from a folder whose path has a space. */
class LauncherIT {

    private static final Pattern SERVING = Pattern.compile("Baihua is serving on (http://\\S+)");

    @TempDir
    Path tmp;

    private Process launch(Path workDir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Dist.home().resolve("bin/baihua").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("BAIHUA_ADMIN_KEY");
        return builder.start();
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Process process = launch(tmp, "--help");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(out).contains("Usage: baihua").contains("serve");
    }

    @Test
    void theHeapComesFromTheMemoryBudgetAndOutOfMemoryEndsTheJvm() throws Exception {
        // The JVM prints its flags before running the CLI; 75 % of the default 4096 MiB budget.
        ProcessBuilder builder = new ProcessBuilder(Dist.home().resolve("bin/baihua").toString(), "--help")
                .directory(tmp.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("-XX:MaxHeapSize=" + (3072L << 20)).contains("-XX:+ExitOnOutOfMemoryError");

        builder.environment().put("JAVA_OPTS", "-Xmx300m -XX:+PrintCommandLineFlags");
        process = builder.start();
        out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("JAVA_OPTS -Xmx wins").contains("-XX:MaxHeapSize=" + (300L << 20));
    }

    @Test
    void anUnknownConfigKeyStopsTheHostWithAHint() throws Exception {
        Path conf = Files.writeString(tmp.resolve("bad.properties"), "server.portt=1\n");
        Process process = launch(tmp, "serve", "--conf", conf.toString());
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(78); // EX_CONFIG
        assertThat(out).contains("baihua: cannot start, the configuration is wrong: unknown config key 'server.portt'")
                .contains("did you mean 'server.port'?");
    }

    @Test
    void serveLoadsTheThreeBundledPluginsAndAnswers() throws Exception {
        Path workDir = Files.createDirectories(tmp.resolve("a folder with spaces"));
        Process process = launch(workDir, "serve", "--port", "0", "--data-dir", "my data");
        try {
            URI base = awaitServing(process);
            String adminKey = Files.readString(workDir.resolve("my data/admin.key")).trim();
            assertThat(output.toString()).as("the generated key is printed once").contains(adminKey);
            JsonNode health = Dist.getJson(base, "/api/v1/health", null);
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.get("pluginsStarted").asInt()).isEqualTo(3);

            JsonNode plugins = Dist.getJson(base, "/api/v1/plugins", adminKey);
            assertThat(plugins).extracting(p -> p.get("id").asText()).containsExactly("finance", "industrial", "medical");
            assertThat(plugins).allSatisfy(p -> assertThat(p.get("state").asText()).isEqualTo("STARTED"));

            JsonNode domains = Dist.getJson(base, "/api/v1/domains", adminKey);
            assertThat(domains).extracting(d -> d.get("id").asText()).containsExactly("finance", "industrial", "medical");
            JsonNode medical = domains.get(2);
            assertThat(medical.get("tasks")).extracting(t -> t.get("id").asText()).contains("condition", "diabetes-risk");
            assertThat(Files.isDirectory(workDir.resolve("my data"))).isTrue();
            // the log file is this host's, under its data directory, not the installation's logs/ shared by every host
            Path log = workDir.resolve("my data/logs/baihua.log");
            assertThat(output.toString()).contains("log: " + log.toRealPath());
            assertThat(Files.readString(log)).contains("INFO", "listening on");
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Reads the launcher's output until it prints its URL (or exits). */
    private final StringBuilder output = new StringBuilder();

    private URI awaitServing(Process process) throws Exception {
        CompletableFuture<URI> url = new CompletableFuture<>();
        StringBuilder seen = output;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        url.complete(URI.create(m.group(1)));
                    }
                }
                url.completeExceptionally(new AssertionError("launcher exited before serving:\n" + seen));
            } catch (java.io.IOException e) {
                url.completeExceptionally(e);
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
        return url.get(120, TimeUnit.SECONDS);
    }
}
