package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full data directory answers 507 naming the free space, never SQL text, and health and /metrics
 * report the free bytes. The data directory is a small tmpfs filled to the last block, which needs
 * the right to mount (root on Linux): where that is missing the test is skipped, saying why.
 */
class DiskFullIT {

    @TempDir
    Path tmp;

    private Path mount;
    private HostFixture fixture;

    @AfterEach
    void unmount() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (mount != null && run("umount", mount.toString()) != 0) {
            run("umount", "-l", mount.toString()); // lazily, so that the temporary folder can still be removed
        }
    }

    @Test
    void aFullDataDirectoryAnswers507WithoutSqlAndHealthSaysSo() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "tmpfs is Linux's");
        Path dir = Files.createDirectories(tmp.resolve("small"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", dir.toString()) == 0,
                "mounting a tmpfs needs root (CAP_SYS_ADMIN); skipped");
        mount = dir;
        fixture = new HostFixture(dir, Map.of("limits.disk-low-bytes", String.valueOf(8L << 20)));
        assertThat(fixture.get("/api/v1/health").json().get("diskLow").asBoolean()).isFalse();
        // a mutating call is audited in the registry database: here a 404, recorded
        String mutating = "/api/v1/plugins/ghost/disable";
        assertThat(fixture.postJson(mutating, "").status()).isEqualTo(404);

        Path filler = fixture.dataDir.resolve("filler");
        fill(filler);
        HostFixture.Response full = fixture.postJson(mutating, "");
        assertThat(full.status()).as(full.body()).isEqualTo(507);
        assertThat(full.contentType()).startsWith("application/problem+json");
        assertThat(full.json().get("detail").asText()).contains("The data directory is full", "bytes free")
                .doesNotContainIgnoringCase("sql").doesNotContain("transaction");

        JsonNode health = fixture.get("/api/v1/health").json();
        assertThat(health.get("diskLow").asBoolean()).isTrue();
        assertThat(health.get("diskFreeBytes").asLong()).isLessThan(8L << 20);
        assertThat(fixture.get("/metrics").body()).contains("baihua_data_dir_free_bytes");

        Files.delete(filler);
        assertThat(fixture.postJson(mutating, "").status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/health").json().get("diskLow").asBoolean()).isFalse();
    }

    /** Writes until the file system refuses another byte. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("No space left on device");
        }
        try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < 1 << 16; i++) {
                out.write(0);
                out.flush();
            }
        } catch (IOException e) {
            // the last bytes of the last block are taken too
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
