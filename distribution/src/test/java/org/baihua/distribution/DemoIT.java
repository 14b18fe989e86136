package org.baihua.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start as a user runs it: {@code bin/baihua demo --no-serve} on an empty data
 * directory, then again, which must reuse what the first run made.
 */
class DemoIT {

    @TempDir
    Path tmp;

    private String demo(Path workDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(Dist.home().resolve("bin/baihua").toString(), "demo", "--no-serve",
                "--port", "0")).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("BAIHUA_ADMIN_KEY");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(15, TimeUnit.MINUTES)).as(out).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theDemoTrainsAModelPerDomainAndASecondRunReusesThem() throws Exception {
        Path workDir = Files.createDirectories(tmp.resolve("demo"));
        String first = demo(workDir);
        assertThat(first).contains("== finance / credit-risk", "== industrial / machine-failure", "== medical / condition");
        // the console's address comes before anything the demo does
        assertThat(first).containsPattern("Web console: http://127\\.0\\.0\\.1:\\d+/");
        assertThat(first.indexOf("Web console: ")).isLessThan(first.indexOf("Baihua demo: host"));
        assertThat(first.split("promoted demo-", -1)).hasSize(4);
        assertThat(first).contains("Demo ready in").contains("3 models in production");
        assertThat(first.split("example [12]: predicted ", -1)).hasSize(7);
        assertThat(first).contains("words for '").contains("fields for '");
        assertThat(first).contains("test split (");
        // medical abstracts exceed the encoder's tokens: summarised once per model, no log line amid the progress
        assertThat(first).doesNotContain("were truncated");
        assertThat(first).containsPattern("\\d+ of \\d+ texts were longer than the encoder's \\d+ tokens");
        assertThat(workDir.resolve("data/registry.db")).exists();
        // the demo host logs like serve: into its data directory, named on the console
        Path log = workDir.resolve("data/logs/baihua.log");
        assertThat(first).contains("log: " + log.toRealPath());
        assertThat(Files.readString(log)).contains("INFO", "listening on");

        String second = demo(workDir);
        assertThat(second.split("already ingested", -1)).hasSize(4);
        assertThat(second.split("is in production already; reusing it", -1)).hasSize(4);
        assertThat(second).doesNotContain("training [");
    }
}
