package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.baihua.core.plugin.PluginFixtures;
import org.baihua.core.registry.JobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of encoder fine-tuning: a host in its own JVM is killed (SIGKILL) once
 * its job has run a fine-tuning step, and again, in a second job, once the tuned encoder is being
 * exported into the job's scratch folder; each time it is restarted on the same data directory. The
 * job and its version end FAILED with the restart as the reason, no artifact is left, the scratch
 * folder is gone, and the host then trains as usual. Kept small: 60 short texts, the top layer.
 */
class FineTuneCrashIT {

    private static final String ADMIN = "fine-tune-crash-key-0123456789ab";
    /**
     * Fine-tuning bge-small holds its graph, weights and Adam moments: more than the 512 MB of the other
     * crash tests. The JIT is left whole (no C1-only): the steps run in Java.
     */
    private static final List<String> JVM = List.of("-Xmx2g");
    private static final String TRAIN = """
            {"name": "triage", "domain": "notes", "task": "topic", "dataset": "%s", "training": {"seed": 5, "encoder": %s}}
            """;

    @TempDir
    Path tmp;

    @Test
    void killedDuringFineTuningTheJobFailsWithTheReasonAndLeavesNothingBehind() throws Exception {
        Path dataDir = tmp.resolve("data");
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path zip = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures"))).plugin("notes")
                .domain("fixture.notes.NotesDomain", "notes").build("notes.zip");
        Files.move(zip, plugins.resolve("notes.zip"));
        Path scratch = dataDir.resolve("encoders").resolve(".tuning");

        HostProcess host = new HostProcess(dataDir, plugins, ADMIN, JVM, null);
        try {
            String dataset = host.call("POST", "/api/v1/datasets?domain=notes&task=topic", "text/csv",
                    HttpRequest.BodyPublishers.ofString(LifecycleIT.dataset(20, 1))).get("id").asText();

            // 1. killed between two steps: early stopping ends the run after three epochs (two steps each) at the
            // soonest, so the kill lands in the middle of it, which the job's last recorded phase confirms
            String first = host.post("/api/v1/models", TRAIN.formatted(dataset,
                    "{\"mode\": \"fine-tune\", \"layers\": 1, \"epochs\": 100}")).get("job").asText();
            JsonNode step = host.awaitEvent(first, e -> !e.get("state").asText().equals("QUEUED")
                    && (!e.get("state").asText().equals("RUNNING") || e.get("progress").path("step").asLong() >= 1));
            assertThat(step.get("state").asText()).as("the job ran a fine-tuning step: " + step).isEqualTo("RUNNING");
            assertThat(step.get("progress").get("phase").asText()).isEqualTo("fine-tuning");
            host.kill();
            host = new HostProcess(dataDir, plugins, ADMIN, JVM, null);
            assertInterrupted(host, first, 1, dataDir, scratch, "fine-tuning");

            // 2. killed once the tuned encoder is in the job's scratch folder: while it is written, or while the
            // head is trained on it, before the artifact takes it
            String second = host.post("/api/v1/models", TRAIN.formatted(dataset,
                    "{\"mode\": \"fine-tune\", \"layers\": 1, \"epochs\": 1}")).get("job").asText();
            awaitFolder(host, second, scratch.resolve(second));
            host.kill();
            host = new HostProcess(dataDir, plugins, ADMIN, JVM, null);
            assertInterrupted(host, second, 2, dataDir, scratch, "exporting encoder", "embedding", "training", "selecting",
                    "evaluating");

            // the host trains as usual after both
            String third = host.post("/api/v1/models", TRAIN.formatted(dataset, "{\"mode\": \"frozen\"}")).get("job").asText();
            JsonNode done = host.awaitEvent(third, e -> !e.get("state").asText().matches("QUEUED|RUNNING"));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(host.get("/api/v1/models/triage/versions/3").get("state").asText()).isEqualTo("READY");
            try (var folders = Files.list(dataDir.resolve("artifacts").resolve("triage"))) {
                assertThat(folders.map(f -> f.getFileName().toString()).toList()).containsExactly("3");
            }
        } finally {
            host.close();
        }
    }

    /** After the restart: job and version FAILED for the restart, killed in one of {@code phases}, nothing of them on disk. */
    private static void assertInterrupted(HostProcess host, String job, int version, Path dataDir, Path scratch,
                                          String... phases) throws Exception {
        String when = "after the kill of job " + job;
        JsonNode ended = host.get("/api/v1/jobs/" + job);
        assertThat(ended.get("state").asText()).as(when + ": " + ended).isEqualTo("FAILED");
        assertThat(ended.get("error").asText()).as(when).isEqualTo(JobStore.INTERRUPTED);
        assertThat(ended.get("progress").get("phase").asText()).as(when + ": killed in phase").isIn((Object[]) phases);
        JsonNode failed = host.get("/api/v1/models/triage/versions/" + version);
        assertThat(failed.get("state").asText()).as(when).isEqualTo("FAILED");
        assertThat(failed.get("error").asText()).as(when).isEqualTo(JobStore.INTERRUPTED);
        assertThat(dataDir.resolve("artifacts").resolve("triage")).as(when + ": no artifact").doesNotExist();
        assertThat(scratch.resolve(job)).as(when + ": the job's scratch folder").doesNotExist();
    }

    /**
     * Waits until job {@code job} has created {@code folder} (5 minutes at most); fails at once if the job
     * ends before, since it then deletes the folder itself.
     */
    private static void awaitFolder(HostProcess host, String job, Path folder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        for (int round = 1; !Files.exists(folder); round++) {
            if (round % 50 == 0) {
                JsonNode state = host.get("/api/v1/jobs/" + job);
                assertThat(state.get("state").asText()).as("job " + job + " ended before writing " + folder + ": " + state)
                        .isIn("QUEUED", "RUNNING");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + job + " did not write " + folder + " within 5 minutes: "
                        + host.get("/api/v1/jobs/" + job) + "\nhost output:\n" + host.output());
            }
            Thread.sleep(20);
        }
    }
}
