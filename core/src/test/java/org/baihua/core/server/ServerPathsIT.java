package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Error details name files relative to the data directory, never by the server's absolute paths: a
 * plugin's expansion in plugin-work, a data set's scratch file, a version's artifact folder.
 */
class ServerPathsIT {

    @Test
    void errorDetailsNameServerFilesRelativeToTheDataDirectory(@TempDir Path tmp) throws IOException {
        try (HostFixture fixture = new HostFixture(tmp, Map.of())) {
            String absolute = fixture.dataDir.toAbsolutePath().toString();
            fixture.postBytes("/api/v1/plugins", ClinicFixture.pluginZip(tmp.resolve("fixtures")));
            String dataset = ClinicFixture.ingest(fixture, 60, 1);
            ClinicFixture.train(fixture, "risk", dataset);

            // plugin work: an entry under another entry that is a file cannot be expanded
            Path clash = tmp.resolve("clash.zip");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(clash))) {
                for (String name : List.of("classes/a", "classes/a/b")) {
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write("x".getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            HostFixture.Response plugin = fixture.send("POST", "/api/v1/plugins", HostFixture.ADMIN, "application/zip",
                    HttpRequest.BodyPublishers.ofFile(clash));
            assertThat(plugin.status()).as(plugin.body()).isGreaterThanOrEqualTo(400);
            assertThat(detail(plugin)).contains("plugin-work" + java.io.File.separator).doesNotContain(absolute).doesNotContain(tmp.toString());

            // data-set scratch files: their folder is a file now
            Path scratch = fixture.dataDir.resolve("datasets").resolve(".tmp");
            assertThat(scratch.getParent()).isDirectory();
            if (Files.exists(scratch)) {
                try (Stream<Path> files = Files.walk(scratch)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(scratch)) {
                out.write('x');
            }
            HostFixture.Response ingest = fixture.postText("/api/v1/datasets?domain=clinic&task=risk", "text/csv", ClinicFixture.csv(20, 2));
            assertThat(ingest.status()).as(ingest.body()).isEqualTo(500);
            assertThat(detail(ingest)).contains("datasets" + java.io.File.separator + ".tmp").doesNotContain(absolute);
            Files.delete(scratch);

            // artifact folders: a version whose folder is gone
            Path folder = fixture.dataDir.resolve("artifacts").resolve("risk").resolve("1");
            assertThat(folder).isDirectory();
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            HostFixture.Response predict = fixture.postJson("/api/v1/models/risk/predict?version=1", "{\"records\": [{\"glucose\": 150}]}");
            assertThat(predict.status()).as(predict.body()).isGreaterThanOrEqualTo(500);
            assertThat(detail(predict)).contains("its folder " + fixture.dataDir.relativize(folder)).doesNotContain(absolute);
        }
    }

    private static String detail(HostFixture.Response response) {
        assertThat(response.contentType()).startsWith("application/problem+json");
        return response.json().get("detail").asText();
    }
}
