package org.baihua.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.baihua.core.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong configuration stops {@code baihua serve} before anything starts, with the key named and exit code 78. */
class ConfigErrorsTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String err) {}

    private Run run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return new Run(BaihuaCli.run(args), bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void anUnknownKeyStopsTheStartWithAHintAndTheConfigurationExitCode() throws Exception {
        Path conf = Files.writeString(tmp.resolve("baihua.properties"), "jobs.concurency=2\n");
        Run run = run("serve", "--conf", conf.toString(), "--data-dir", tmp.resolve("data").toString());
        assertThat(run.exit()).isEqualTo(ConfigException.EXIT_CODE).isEqualTo(78);
        assertThat(run.err()).contains("baihua: cannot start, the configuration is wrong: unknown config key 'jobs.concurency'")
                .contains("did you mean 'jobs.concurrency'?").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void aMalformedValueOfAnyFeatureNamesItsKey() throws Exception {
        for (String line : new String[] {"jobs.threads=many", "encoder.cache.max-entries=-1", "datasets.max-bytes=0",
            "registry.pool.size=65"}) {
            Path conf = Files.writeString(tmp.resolve("baihua.properties"), line + "\n");
            Run run = run("serve", "--conf", conf.toString(), "--data-dir", tmp.resolve("data").toString(), "--port", "0");
            assertThat(run.exit()).as(line).isEqualTo(78);
            assertThat(run.err()).as(line).contains("config key '" + line.substring(0, line.indexOf('=')) + "' must be")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aDevPluginPathThatIsNoBuildOutputIsRefusedBeforeTheHostStarts() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "not a plugin");
        Run run = run("serve", "--dev-plugin", file.toString(), "--data-dir", tmp.resolve("data").toString(), "--port", "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--dev-plugin: " + file + " is neither a plugin zip (.zip), a plugin project folder nor its target/classes")
                .doesNotContain("\tat ");
        assertThat(tmp.resolve("data")).doesNotExist();
    }
}
