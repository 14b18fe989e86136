package org.baihua.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.baihua.core.ConflictException;
import org.baihua.core.NotFoundException;
import org.junit.jupiter.api.Test;

/** Persisted jobs and start-up recovery; run against every {@link Backend}. */
abstract class JobStoreContract extends RegistryTestBase {

    @Test
    void jobRunsThroughItsStatesWithPersistedProgress() {
        JobStore jobs = stores.jobs;
        stores.registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        JobInfo queued = jobs.create("fraud", 1, "host-a");
        assertThat(queued.id()).startsWith("job-");
        assertThat(queued.state()).isEqualTo(JobState.QUEUED);
        assertThat(queued.progress()).isEqualTo(JobProgress.queued());

        assertThat(jobs.start(queued.id()).startedAt()).isNotNull();
        JobProgress progress = new JobProgress("training", 3, 10, 0.42, 0.77);
        jobs.progress(queued.id(), progress);
        assertThat(reopen().jobs.get(queued.id()).progress()).isEqualTo(progress);

        JobInfo done = stores.jobs.succeed(queued.id());
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(stores.jobs.forVersion("fraud", 1)).extracting(JobInfo::id).containsExactly(queued.id());
        assertThat(stores.jobs.list()).extracting(JobInfo::id).containsExactly(queued.id());
    }

    @Test
    void queueTrainingCreatesTheVersionAndItsJobTogether() {
        JobStore.QueuedTraining first = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a");
        JobStore.QueuedTraining second = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a");
        assertThat(first.version().version()).isEqualTo(1);
        assertThat(second.version().version()).isEqualTo(2);
        assertThat(second.job().model()).isEqualTo("fraud");
        assertThat(second.job().version()).isEqualTo(2);
        assertThat(stores.jobs.forVersion("fraud", 2)).containsExactly(second.job());

        assertThatThrownBy(() -> stores.jobs.queueTraining("fraud", "medical", "triage", TestData.lineage(), "host-a"))
                .isInstanceOf(ConflictException.class);
        assertThat(stores.registry.versions("fraud")).hasSize(2);
        assertThat(stores.jobs.list()).hasSize(2);
    }

    @Test
    void jobsOfAHostWhoseLeaseRanOutAreFailedOnceAndLiveHostsKeepTheirs() {
        ModelRegistry registry = stores.registry;
        JobStore jobs = stores.jobs;
        // host-b trains v1 and dies after writing the artifact, before marking it READY
        registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        String dead = jobs.create("fraud", 1, "host-b").id();
        jobs.start(dead);
        registry.startTraining("fraud", 1);
        stores.artifacts.write("fraud", 1, new ArtifactContent(TestData.head(64, 1), TestData.pipeline(), "{}".getBytes()));
        // host-c is alive and heart-beating
        registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        String alive = jobs.create("fraud", 2, "host-c").id();
        jobs.start(alive);

        java.time.Instant later = java.time.Instant.now().plusSeconds(120);
        assertThat(jobs.failLost("host-a", java.time.Instant.now().minusSeconds(60))).as("leases still valid").isEmpty();
        assertThat(jobs.heartbeat("host-c")).isEqualTo(1);
        assertThat(jobs.failLost("host-c", later)).as("a host never fails its own jobs").containsExactly(dead);
        assertThat(jobs.failLost("host-a", later)).as("failed once").containsExactly(alive);

        JobInfo failed = jobs.get(dead);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).startsWith("host 'host-b' lost: no heartbeat since");
        assertThat(registry.version("fraud", 1).state()).isEqualTo(VersionState.FAILED);
        assertThat(stores.artifacts.exists("fraud", 1)).as("nothing half-written is kept").isFalse();
    }

    @Test
    void illegalJobMovesAreRefused() {
        JobStore jobs = stores.jobs;
        stores.registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        String id = jobs.create("fraud", 1, "host-a").id();
        assertThatThrownBy(() -> jobs.progress(id, new JobProgress("training", 1, 2, null, null)))
                .isInstanceOf(ConflictException.class).hasMessage("Job '" + id + "' is QUEUED: only a RUNNING job makes progress");
        assertThatThrownBy(() -> jobs.succeed(id))
                .isInstanceOf(ConflictException.class).hasMessage("Job '" + id + "' is QUEUED and cannot become SUCCEEDED");
        jobs.start(id);
        jobs.fail(id, "encoder crashed");
        assertThat(jobs.get(id).error()).isEqualTo("encoder crashed");
        assertThatThrownBy(() -> jobs.start(id)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> jobs.requestCancel(id))
                .isInstanceOf(ConflictException.class).hasMessage("Job '" + id + "' is FAILED and cannot be cancelled");
        assertThatThrownBy(() -> jobs.get("job-nope")).isInstanceOf(NotFoundException.class).hasMessage("Job 'job-nope' not found");
        assertThatThrownBy(() -> jobs.create("fraud", 9, "host-a"))
                .isInstanceOf(NotFoundException.class).hasMessage("Model 'fraud' has no version 9");
    }

    @Test
    void cancelStopsAQueuedJobAtOnceAndFlagsARunningOne() {
        JobStore jobs = stores.jobs;
        stores.registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        String queued = jobs.create("fraud", 1, "host-a").id();
        assertThat(jobs.requestCancel(queued).state()).isEqualTo(JobState.CANCELLED);

        String running = jobs.create("fraud", 1, "host-a").id();
        jobs.start(running);
        JobInfo flagged = jobs.requestCancel(running);
        assertThat(flagged.state()).isEqualTo(JobState.RUNNING);
        assertThat(flagged.cancelRequested()).isTrue();
        assertThat(jobs.markCancelled(running).state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void recoveryFailsInterruptedWorkAndLeavesProductionAndOtherHostsAlone() throws Exception {
        ModelRegistry registry = stores.registry;
        JobStore jobs = stores.jobs;
        ModelVersion production = TestData.readyVersion(registry, "fraud");
        registry.promote("fraud", production.version());
        String finished = jobs.create("fraud", 1, "host-a").id();
        jobs.start(finished);
        jobs.succeed(finished);

        // v2: killed after writing its artifact, before marking it READY
        registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        String running = jobs.create("fraud", 2, "host-a").id();
        jobs.start(running);
        registry.startTraining("fraud", 2);
        stores.artifacts.write("fraud", 2, new ArtifactContent(TestData.head(64, 2), TestData.pipeline(), "{}".getBytes()));
        // v3: still queued
        registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        String waiting = jobs.create("fraud", 3, "host-a").id();
        // v4: trained right now by another host
        registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        String elsewhere = jobs.create("fraud", 4, "host-b").id();
        jobs.start(elsewhere);
        registry.startTraining("fraud", 4);
        // v5: created, but the host died before its job was recorded
        registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        // a folder whose version row is gone (killed between deleting the row and the folder)
        stores.artifacts.write("fraud", 99, new ArtifactContent(TestData.head(64, 9), TestData.pipeline(), "{}".getBytes()));

        Stores restarted = reopen();
        RecoveryReport report = restarted.jobs.recoverInterrupted("host-a");

        assertThat(report.failedJobs()).containsExactlyInAnyOrder(running, waiting);
        assertThat(report.failedVersions()).containsExactly(new VersionRef("fraud", 2), new VersionRef("fraud", 3),
                new VersionRef("fraud", 5));
        assertThat(report.removedArtifacts()).containsExactlyInAnyOrder(new VersionRef("fraud", 2), new VersionRef("fraud", 99));
        assertThat(restarted.jobs.get(running).state()).isEqualTo(JobState.FAILED);
        assertThat(restarted.jobs.get(running).error()).isEqualTo("interrupted by restart");
        assertThat(restarted.jobs.get(finished).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(restarted.jobs.get(elsewhere).state()).isEqualTo(JobState.RUNNING);
        assertThat(restarted.registry.version("fraud", 2).error()).isEqualTo("interrupted by restart");
        assertThat(restarted.registry.version("fraud", 4).state()).isEqualTo(VersionState.TRAINING);
        assertThat(Files.exists(restarted.artifactFolder("fraud", 2))).isFalse();
        assertThat(restarted.registry.production("fraud")).map(ModelVersion::version).contains(1);
        assertThat(restarted.registry.artifact("fraud", 1).headOnnx()).isEqualTo(TestData.head(4096, 1));

        assertThat(restarted.jobs.recoverInterrupted("host-a").isEmpty()).isTrue();
    }
}
