package org.baihua.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifact folder layout, manifest and checks, without a database. */
class ArtifactStoreTest {
    @TempDir
    Path root;

    private static ArtifactContent content(long seed) {
        return new ArtifactContent(TestData.head(2048, seed), TestData.pipeline(),
                "{\"accuracy\":0.9}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void manifestListsTheSha256OfEveryFile() throws Exception {
        ArtifactStore store = new ArtifactStore(root);
        ArtifactBundle written = store.write("fraud", 3, content(1));

        Path folder = root.resolve("fraud").resolve("3");
        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("head.onnx", "pipeline.json", "metrics.json", "manifest.json");
        }
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        assertThat(manifest.get("model").asText()).isEqualTo("fraud");
        assertThat(manifest.get("version").asInt()).isEqualTo(3);
        for (String name : new String[] {"head.onnx", "pipeline.json", "metrics.json"}) {
            byte[] bytes = Files.readAllBytes(folder.resolve(name));
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertThat(manifest.get("files").get(name).get("sha256").asText()).as(name).isEqualTo(expected);
            assertThat(manifest.get("files").get(name).get("size").asLong()).as(name).isEqualTo(bytes.length);
        }
        assertThat(written.manifestSha256()).isEqualTo(AtomicFiles.sha256(Files.readAllBytes(folder.resolve("manifest.json"))));
        assertThat(store.read("fraud", 3, written.manifestSha256()).headOnnx()).isEqualTo(TestData.head(2048, 1));
    }

    @Test
    void openingRemovesUnfinishedWritesAndDeletions() throws Exception {
        Files.createDirectories(root.resolve(".tmp/fraud-1-abc"));
        Files.writeString(root.resolve(".tmp/fraud-1-abc/head.onnx"), "half");
        Files.createDirectories(root.resolve(".trash/xyz/deep"));
        Files.writeString(root.resolve(".trash/xyz/deep/pipeline.json"), "{}");

        ArtifactStore store = new ArtifactStore(root);
        assertThat(store.leftoversRemoved()).isEqualTo(2);
        try (var scratch = Files.list(root.resolve(".tmp")); var trash = Files.list(root.resolve(".trash"))) {
            assertThat(scratch).isEmpty();
            assertThat(trash).isEmpty();
        }
    }

    @Test
    void writeReplacesAFolderLeftByACrashedAttempt() {
        ArtifactStore store = new ArtifactStore(root);
        store.write("fraud", 1, content(1));
        ArtifactBundle second = store.write("fraud", 1, content(2));
        assertThat(store.read("fraud", 1, second.manifestSha256()).headOnnx()).isEqualTo(TestData.head(2048, 2));
        assertThat(store.storedVersions()).containsExactly(new VersionRef("fraud", 1));
    }

    @Test
    void missingFolderOrUnreadableManifestIsCorrupt() throws Exception {
        ArtifactStore store = new ArtifactStore(root);
        assertThatThrownBy(() -> store.read("fraud", 1, null)).isInstanceOf(CorruptArtifactException.class)
                .hasMessageStartingWith("Artifact of model 'fraud' version 1 is corrupt: its folder")
                .hasMessageEndingWith("is missing");
        store.write("fraud", 1, content(1));
        Files.writeString(root.resolve("fraud/1/manifest.json"), "{not json");
        assertThatThrownBy(() -> store.read("fraud", 1, null)).isInstanceOf(CorruptArtifactException.class)
                .hasMessageStartingWith("Artifact of model 'fraud' version 1 is corrupt: manifest.json is unreadable");
    }

    @Test
    void manifestOfAnotherVersionIsCorrupt() throws Exception {
        ArtifactStore store = new ArtifactStore(root);
        store.write("fraud", 1, content(1));
        store.write("fraud", 2, content(2));
        Files.copy(root.resolve("fraud/1/manifest.json"), root.resolve("fraud/2/manifest.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> store.read("fraud", 2, null)).isInstanceOf(CorruptArtifactException.class)
                .hasMessage("Artifact of model 'fraud' version 2 is corrupt: manifest.json describes model 'fraud' version 1");
    }

    @Test
    void deleteRemovesTheFolderAndAnEmptyModelFolder() {
        ArtifactStore store = new ArtifactStore(root);
        store.write("fraud", 1, content(1));
        store.write("fraud", 2, content(2));
        store.delete("fraud", 1);
        assertThat(store.exists("fraud", 1)).isFalse();
        assertThat(store.exists("fraud", 2)).isTrue();
        store.delete("fraud", 2);
        assertThat(root.resolve("fraud")).doesNotExist();
        store.delete("fraud", 2);
    }

    @Test
    void emptyFilesAndBadIdsAreRefused() {
        ArtifactStore store = new ArtifactStore(root);
        assertThatThrownBy(() -> new ArtifactContent(new byte[0], TestData.pipeline(), "{}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("head.onnx is empty");
        assertThatThrownBy(() -> store.write("../etc", 1, content(1)))
                .hasMessageContaining("model '../etc' is not a valid id");
    }
}
