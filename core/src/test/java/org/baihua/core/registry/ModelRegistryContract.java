package org.baihua.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.baihua.core.ConflictException;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.NotFoundException;
import org.junit.jupiter.api.Test;

/** The registry's lifecycle rules; run against every {@link Backend}. */
abstract class ModelRegistryContract extends RegistryTestBase {

    @Test
    void fullLifecycleFromCreationToDeletion() {
        ModelRegistry registry = stores.registry;
        ModelVersion queued = registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        assertThat(queued.version()).isEqualTo(1);
        assertThat(queued.state()).isEqualTo(VersionState.QUEUED);
        assertThat(queued.stage()).isEqualTo(Stage.NONE);
        assertThat(queued.lineage()).isEqualTo(TestData.lineage());
        assertThat(registry.model("fraud").domain()).isEqualTo("finance");

        assertThat(registry.startTraining("fraud", 1).state()).isEqualTo(VersionState.TRAINING);
        ModelVersion v1 = registry.markReady("fraud", 1, TestData.head(5000, 1), TestData.pipeline(), TestData.result(0.81));
        assertThat(v1.state()).isEqualTo(VersionState.READY);
        assertThat(v1.metrics()).containsEntry("macroF1", 0.81);
        assertThat(v1.timings()).containsEntry("training", 1200L);
        assertThat(v1.artifactSha256()).hasSize(64);
        assertThat(v1.startedAt()).isNotNull();
        assertThat(v1.finishedAt()).isNotNull();
        assertThat(registry.artifact("fraud", 1).headOnnx()).isEqualTo(TestData.head(5000, 1));

        assertThat(registry.promote("fraud", 1).stage()).isEqualTo(Stage.PRODUCTION);
        assertThat(registry.model("fraud").productionVersion()).isEqualTo(1);

        ModelVersion v2 = TestData.readyVersion(registry, "fraud");
        assertThat(v2.version()).isEqualTo(2);
        registry.promote("fraud", 2);
        assertThat(stages("fraud")).containsExactly(Stage.NONE, Stage.PRODUCTION);

        ModelVersion back = registry.rollback("fraud");
        assertThat(back.version()).isEqualTo(1);
        assertThat(registry.production("fraud")).map(ModelVersion::version).contains(1);
        assertThat(stages("fraud")).containsExactly(Stage.PRODUCTION, Stage.NONE);

        assertThat(registry.archive("fraud", 2).stage()).isEqualTo(Stage.ARCHIVED);
        registry.deleteVersion("fraud", 2);
        assertThat(registry.versions("fraud")).extracting(ModelVersion::version).containsExactly(1);
        assertThat(stores.artifacts.exists("fraud", 2)).isFalse();
        assertThat(stores.artifacts.exists("fraud", 1)).isTrue();
        assertThatThrownBy(() -> registry.version("fraud", 2))
                .isInstanceOf(NotFoundException.class).hasMessage("Model 'fraud' has no version 2");
    }

    @Test
    void illegalMovesAreRefusedWithTheModelVersionAndState() {
        ModelRegistry registry = stores.registry;
        TestData.readyVersion(registry, "fraud");
        registry.promote("fraud", 1);
        registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        registry.startTraining("fraud", 2);

        assertConflict(() -> registry.promote("fraud", 2), "Model 'fraud' version 2 is TRAINING: only a READY version can be promoted");
        assertConflict(() -> registry.startTraining("fraud", 2), "Model 'fraud' version 2 is TRAINING and cannot become TRAINING");
        assertConflict(() -> registry.deleteVersion("fraud", 2), "Model 'fraud' version 2 is TRAINING: cancel its training before deleting it");
        registry.markFailed("fraud", 2, "out of memory");
        assertConflict(() -> registry.promote("fraud", 2), "Model 'fraud' version 2 is FAILED: only a READY version can be promoted");
        assertConflict(() -> registry.archive("fraud", 2), "Model 'fraud' version 2 is FAILED: only a READY version can be archived (delete it instead)");
        assertConflict(() -> registry.markReady("fraud", 2, TestData.head(10, 2), TestData.pipeline(), TestData.result(0.5)),
                "Model 'fraud' version 2 is FAILED and cannot become READY");
        assertThat(stores.artifacts.exists("fraud", 2)).isFalse();

        assertConflict(() -> registry.promote("fraud", 1), "Model 'fraud' version 1 is already in production");
        assertConflict(() -> registry.deleteVersion("fraud", 1),
                "Model 'fraud' version 1 is in production and cannot be deleted: promote another version or roll back first");
        assertConflict(() -> registry.archive("fraud", 1),
                "Model 'fraud' version 1 is in production: promote another version or roll back before archiving it");
        assertConflict(() -> registry.rollback("fraud"),
                "Model 'fraud' has no previous production version to roll back to (version 1 stays in production)");
        assertThat(registry.production("fraud")).map(ModelVersion::version).contains(1);

        TestData.readyVersion(registry, "other");
        assertConflict(() -> registry.rollback("other"), "Model 'other' has no production version to roll back from");
        assertConflict(() -> registry.createVersion("fraud", "medical", "triage", TestData.lineage()),
                "Model 'fraud' belongs to domain 'finance' task 'fraud', not to domain 'medical' task 'triage'");
        registry.archive("other", 1);
        assertConflict(() -> registry.archive("other", 1), "Model 'other' version 1 is already archived");
    }

    @Test
    void unknownOrMalformedNamesAreReported() {
        ModelRegistry registry = stores.registry;
        assertThatThrownBy(() -> registry.model("nope")).isInstanceOf(NotFoundException.class).hasMessage("Model 'nope' not found");
        assertThatThrownBy(() -> registry.promote("nope", 1)).isInstanceOf(NotFoundException.class).hasMessage("Model 'nope' not found");
        TestData.readyVersion(registry, "fraud");
        assertThatThrownBy(() -> registry.promote("fraud", 7)).isInstanceOf(NotFoundException.class)
                .hasMessage("Model 'fraud' has no version 7");
        assertThatThrownBy(() -> registry.createVersion("Bad Name", "finance", "fraud", TestData.lineage()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("model 'Bad Name' is not a valid id")
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("model");
        assertThatThrownBy(() -> registry.version("fraud", 0)).isInstanceOf(NotFoundException.class)
                .hasMessage("Model 'fraud' has no version 0");
    }

    @Test
    void versionNumbersAreNeverReused() {
        ModelRegistry registry = stores.registry;
        TestData.readyVersion(registry, "fraud");
        TestData.readyVersion(registry, "fraud");
        registry.deleteVersion("fraud", 2);
        assertThat(TestData.readyVersion(registry, "fraud").version()).isEqualTo(3);
        assertThat(registry.model("fraud").latestVersion()).isEqualTo(3);
        assertThat(reopen().registry.createVersion("fraud", "finance", "fraud", TestData.lineage()).version()).isEqualTo(4);
    }

    @Test
    void rollbackWalksBackThroughProductionHistorySkippingArchivedVersions() {
        ModelRegistry registry = stores.registry;
        for (int i = 0; i < 3; i++) {
            TestData.readyVersion(registry, "fraud");
        }
        registry.promote("fraud", 1);
        registry.promote("fraud", 2);
        registry.promote("fraud", 1);
        assertThat(registry.rollback("fraud").version()).isEqualTo(2);
        assertThat(registry.rollback("fraud").version()).isEqualTo(1);

        registry.promote("fraud", 2);
        registry.promote("fraud", 3);
        registry.archive("fraud", 2);
        assertThat(registry.rollback("fraud").version()).isEqualTo(1);
        assertThat(stages("fraud")).containsExactly(Stage.PRODUCTION, Stage.ARCHIVED, Stage.NONE);

        registry.promote("fraud", 2);
        assertThat(stages("fraud")).containsExactly(Stage.NONE, Stage.PRODUCTION, Stage.NONE);
    }

    @Test
    void failedAndCancelledVersionsKeepNoArtifact() {
        ModelRegistry registry = stores.registry;
        registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        registry.startTraining("fraud", 1);
        // a crash after the artifact write left a complete folder behind a TRAINING version
        stores.artifacts.write("fraud", 1, new ArtifactContent(TestData.head(100, 1), TestData.pipeline(), "{}".getBytes()));
        ModelVersion failed = registry.markFailed("fraud", 1, "loss became NaN at epoch 3");
        assertThat(failed.state()).isEqualTo(VersionState.FAILED);
        assertThat(failed.error()).isEqualTo("loss became NaN at epoch 3");
        assertThat(stores.artifacts.exists("fraud", 1)).isFalse();

        registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        assertThat(registry.markCancelled("fraud", 2).state()).isEqualTo(VersionState.CANCELLED);
        registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        assertThat(registry.markFailed("fraud", 3, "x".repeat(5000)).error()).hasSize(2000).endsWith("…");
        assertConflict(() -> registry.artifact("fraud", 2), "Model 'fraud' version 2 is CANCELLED and has no artifact");
    }

    @Test
    void corruptArtifactIsReportedAndNeverServedOrPromoted() throws Exception {
        ModelRegistry registry = stores.registry;
        TestData.readyVersion(registry, "fraud");
        Path head = stores.artifactFolder("fraud", 1).resolve(ArtifactStore.HEAD);
        byte[] bytes = Files.readAllBytes(head);
        bytes[17] ^= 0x40;
        Files.write(head, bytes);

        assertThatThrownBy(() -> registry.artifact("fraud", 1)).isInstanceOf(CorruptArtifactException.class)
                .hasMessageStartingWith("Artifact of model 'fraud' version 1 is corrupt: head.onnx has 4096 bytes with SHA-256");
        assertThatThrownBy(() -> registry.promote("fraud", 1)).isInstanceOf(CorruptArtifactException.class);
        assertThat(registry.version("fraud", 1).stage()).isEqualTo(Stage.NONE);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        assertThatThrownBy(() -> registry.exportArtifact("fraud", 1, zip)).isInstanceOf(CorruptArtifactException.class);
        assertThat(zip.size()).isZero();

        // A consistent forgery (file and manifest rewritten together) is caught by the registry's own record.
        TestData.readyVersion(registry, "fraud");
        stores.artifacts.write("fraud", 2, new ArtifactContent(TestData.head(4096, 99), TestData.pipeline(), "{}".getBytes()));
        assertThatThrownBy(() -> registry.artifact("fraud", 2)).isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("manifest.json has SHA-256").hasMessageContaining("the registry recorded");

        TestData.readyVersion(registry, "fraud");
        Files.delete(stores.artifactFolder("fraud", 3).resolve(ArtifactStore.PIPELINE));
        assertThatThrownBy(() -> registry.artifact("fraud", 3)).isInstanceOf(CorruptArtifactException.class)
                .hasMessage("Artifact of model 'fraud' version 3 is corrupt: pipeline.json is missing");
    }

    @Test
    void exportIsAZipOfTheVerifiedFiles() throws Exception {
        ModelRegistry registry = stores.registry;
        TestData.readyVersion(registry, "fraud");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        registry.exportArtifact("fraud", 1, out);

        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        assertThat(entries).containsOnlyKeys("fraud-v1/head.onnx", "fraud-v1/pipeline.json",
                "fraud-v1/metrics.json", "fraud-v1/manifest.json");
        assertThat(entries.get("fraud-v1/head.onnx")).isEqualTo(TestData.head(4096, 1));
        assertThat(entries.get("fraud-v1/pipeline.json")).isEqualTo(TestData.pipeline());
        assertThat(AtomicFiles.sha256(entries.get("fraud-v1/manifest.json")))
                .isEqualTo(registry.version("fraud", 1).artifactSha256());
        assertThat(new String(entries.get("fraud-v1/metrics.json"))).contains("\"macroF1\" : 0.8");
    }

    @Test
    void stateSurvivesARestart() {
        TestData.readyVersion(stores.registry, "fraud");
        stores.registry.promote("fraud", 1);
        Stores reopened = reopen();
        assertThat(reopened.registry.production("fraud")).map(ModelVersion::version).contains(1);
        assertThat(reopened.registry.artifact("fraud", 1).headOnnx()).isEqualTo(TestData.head(4096, 1));
        assertThat(reopened.registry.models()).extracting(Model::name).containsExactly("fraud");
    }

    private List<Stage> stages(String model) {
        return stores.registry.versions(model).stream().map(ModelVersion::stage).toList();
    }

    private static void assertConflict(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(ConflictException.class).hasMessage(message);
    }
}
