package org.baihua.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encoders run in a child JVM inside a network namespace with no network at all ({@code unshare -n})
 * and give the same vectors as here, with no connection attempted. A control run shows that the
 * child's recording does catch DJL's usage tracking when the host's settings are not applied.
 */
class OfflineEncoderTest {

    private static final List<String> JVM = List.of("-Djava.security.manager=allow", "-Xmx1g");

    @TempDir
    Path dir;

    @BeforeAll
    static void unshareWorks() throws Exception {
        boolean works;
        try {
            Process probe = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            works = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            works = false;
        }
        assumeTrue(works, "unshare -n is not available or not permitted here");
    }

    @Test
    void theEncodersNeedNoNetworkAndAttemptNoConnection() throws Exception {
        Path out = dir.resolve("vectors.txt");
        List<String> output = run("host", dir.resolve("child-data").toString(), out.toString());

        assertThat(output).as("child output").contains("done").noneMatch(line -> line.startsWith("attempt "));
        List<String> expected = new ArrayList<>();
        try (EncoderCatalog catalog = new EncoderCatalog(dir.resolve("data"), RawOnnxParityTest.withoutCache())) {
            for (EncoderSpec spec : catalog.encoders()) {
                for (float[] vector : catalog.get(spec.id()).embed(OfflineProbe.TEXTS)) {
                    expected.add(OfflineProbe.hex(vector));
                }
            }
        }
        assertThat(Files.readAllLines(out)).isEqualTo(expected);
    }

    @Test
    void theRecordingCatchesDjlsTrackingCallWithoutTheHostsSettings() throws Exception {
        List<String> output = run("bare-djl", dir.resolve("control-data").toString());

        assertThat(output).as("child output").contains("done").anyMatch(line -> line.startsWith("attempt 169.254.169.254"));
    }

    private static List<String> run(String... args) throws Exception {
        Process child = ChildJvm.command(List.of("unshare", "-n"), JVM, OfflineProbe.class, args).start();
        byte[] bytes = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        assertThat(child.exitValue()).as("child output: %s", lines).isZero();
        return lines;
    }
}
