package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.baihua.core.plugin.PluginFixtures;
import org.baihua.core.plugin.PluginHost;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the host creates while it runs is private to its user, not only the data directory at start:
 * after an ingest, a training of a text model and a prediction, no file or folder of a fresh data
 * directory (data sets, artifacts, the registry database with its -wal and -shm, the embedding cache,
 * API keys) grants anything to group or other.
 */
class DataDirPrivacyIT {

    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @Test
    void filesCreatedWhileTheHostRunsAreReadableByItsUserOnly(@TempDir Path tmp) throws IOException {
        Assumptions.assumeTrue(Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null, "a POSIX file system");
        try (HostFixture fixture = new HostFixture(tmp, Map.of())) {
            fixture.get(PluginHost.class).install(new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures")))
                    .plugin("notes").domain("fixture.notes.NotesDomain", "notes").build("notes.zip"));
            StringBuilder csv = new StringBuilder("text,label\n");
            for (int i = 0; i < 6; i++) {
                csv.append("pump ").append(i).append(" leaks oil,maintenance\n").append("invoice ").append(i).append(" is overdue,billing\n");
            }
            HostFixture.Response ingested = fixture.postText("/api/v1/datasets?domain=notes&task=topic", "text/csv", csv.toString());
            assertThat(ingested.status()).as(ingested.body()).isEqualTo(201);
            HostFixture.Response queued = fixture.postJson("/api/v1/models", """
                    {"name": "triage", "domain": "notes", "task": "topic", "dataset": "%s", "training": {"epochs": 10, "seed": 1}}
                    """.formatted(ingested.json().get("id").asText()));
            assertThat(queued.status()).as(queued.body()).isEqualTo(202);
            assertThat(fixture.awaitJob(queued.json().get("job").asText(), 300).get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(fixture.postJson("/api/v1/models/triage/versions/1/promote", "").status()).isEqualTo(200);
            assertThat(fixture.postJson("/api/v1/models/triage/predict", "{\"records\": [{\"text\": \"the pump leaks\"}]}").status())
                    .isEqualTo(200);
            fixture.get(org.baihua.core.auth.KeyStore.class).create("analyst", org.baihua.core.auth.Role.READER);

            List<String> seen = new ArrayList<>();
            List<String> wide = new ArrayList<>();
            try (Stream<Path> paths = Files.walk(fixture.dataDir)) {
                for (Path path : paths.toList()) {
                    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                        continue; // removed while walking (a scratch file)
                    }
                    Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                    String name = fixture.dataDir.relativize(path).toString();
                    seen.add(name);
                    permissions.retainAll(GROUP_OR_OTHER);
                    if (!permissions.isEmpty()) {
                        wide.add(name + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)));
                    }
                }
            }
            assertThat(seen).as("what the run created").contains("registry.db", "api-keys", "cache" + java.io.File.separator + "embeddings.db")
                    .anyMatch(name -> name.startsWith("datasets" + java.io.File.separator))
                    .anyMatch(name -> name.startsWith("artifacts" + java.io.File.separator + "triage"));
            assertThat(wide).as("entries readable by group or other, of " + seen).isEmpty();
        }
    }
}
