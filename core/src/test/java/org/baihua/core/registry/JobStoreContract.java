package org.baihua.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

        assertThat(jobs.startTraining(queued.id()).startedAt()).isNotNull();
        assertThat(stores.registry.version("fraud", 1).state()).isEqualTo(VersionState.TRAINING);
        JobProgress progress = new JobProgress("training", 3, 10, 0.42, 0.77);
        jobs.progress(queued.id(), progress);
        assertThat(reopen().jobs.get(queued.id()).progress()).isEqualTo(progress);

        JobInfo done = stores.jobs.finishTraining(queued.id(), TestData.head(512, 1), TestData.pipeline(), TestData.result(0.7));
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(stores.registry.version("fraud", 1).state()).isEqualTo(VersionState.READY);
        assertThat(stores.registry.artifact("fraud", 1).headOnnx()).isEqualTo(TestData.head(512, 1));
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
        jobs.startTraining(dead);
        stores.artifacts.write("fraud", 1, new ArtifactContent(TestData.head(64, 1), TestData.pipeline(), "{}".getBytes()));
        // host-c is alive and heart-beating
        registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        String alive = jobs.create("fraud", 2, "host-c").id();
        jobs.startTraining(alive);

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
        assertThatThrownBy(() -> jobs.finishTraining(id, TestData.head(64, 1), TestData.pipeline(), TestData.result(0.5)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("is QUEUED and cannot become READY");
        jobs.startTraining(id);
        jobs.failTraining(id, "encoder crashed");
        assertThat(jobs.get(id).error()).isEqualTo("encoder crashed");
        assertThat(stores.registry.version("fraud", 1).error()).isEqualTo("encoder crashed");
        assertThatThrownBy(() -> jobs.startTraining(id)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> jobs.requestCancel(id))
                .isInstanceOf(ConflictException.class).hasMessage("Job '" + id + "' is FAILED and cannot be cancelled");
        assertThatThrownBy(() -> jobs.get("job-nope")).isInstanceOf(NotFoundException.class).hasMessage("Job 'job-nope' not found");
        assertThatThrownBy(() -> jobs.create("fraud", 9, "host-a"))
                .isInstanceOf(NotFoundException.class).hasMessage("Model 'fraud' has no version 9");
    }

    @Test
    void cancelStopsAQueuedJobAtOnceAndFlagsARunningOne() {
        JobStore jobs = stores.jobs;
        String queued = jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a").job().id();
        assertThat(jobs.requestCancel(queued).state()).isEqualTo(JobState.CANCELLED);
        assertThat(stores.registry.version("fraud", 1).state()).isEqualTo(VersionState.CANCELLED);

        String running = jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a").job().id();
        jobs.startTraining(running);
        JobInfo flagged = jobs.requestCancel(running);
        assertThat(flagged.state()).isEqualTo(JobState.RUNNING);
        assertThat(flagged.cancelRequested()).isTrue();
        assertThat(stores.registry.version("fraud", 2).state()).isEqualTo(VersionState.TRAINING);
        assertThat(jobs.cancelTraining(running).state()).isEqualTo(JobState.CANCELLED);
        assertThat(stores.registry.version("fraud", 2).state()).isEqualTo(VersionState.CANCELLED);
    }

    @Test
    void jobsAreCountedByStateInOneQuery() {
        assertThat(stores.jobs.countByState()).isEmpty();
        String done = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a").job().id();
        stores.jobs.startTraining(done);
        stores.jobs.finishTraining(done, TestData.head(64, 1), TestData.pipeline(), TestData.result(0.5));
        String running = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a").job().id();
        stores.jobs.startTraining(running);
        stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a");
        stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a");
        assertThat(stores.jobs.countByState()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                JobState.SUCCEEDED, 1L, JobState.RUNNING, 1L, JobState.QUEUED, 2L));
    }

    @Test
    void aJobThatCannotEndLeavesItsVersionAsItWas() {
        // Before one transaction moved both, the version became READY first and the job's move then failed:
        // a READY version behind a FAILED job. Here another writer ends the job while training finishes.
        JobStore.QueuedTraining queued = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a");
        String id = queued.job().id();
        stores.jobs.startTraining(id);
        stores.database.write("failing the job elsewhere", c ->
                Rows.update(c, "UPDATE jobs SET state = 'FAILED', error = 'elsewhere' WHERE id = ?", id));

        assertThatThrownBy(() -> stores.jobs.finishTraining(id, TestData.head(256, 3), TestData.pipeline(), TestData.result(0.9)))
                .isInstanceOf(ConflictException.class).hasMessage("Job '" + id + "' is FAILED and cannot become SUCCEEDED");
        assertThat(stores.registry.version("fraud", 1).state()).isEqualTo(VersionState.TRAINING);
        assertThat(stores.registry.version("fraud", 1).artifactSha256()).isNull();
        assertThat(Files.exists(stores.artifactFolder("fraud", 1))).isFalse();
    }

    @Test
    void trainingOutcomesArePublishedAsRegistryEvents() {
        List<RegistryEvent> seen = new CopyOnWriteArrayList<>();
        stores.registry.events().subscribe(e -> {
            throw new IllegalStateException("a broken listener must not stop the others");
        });
        stores.registry.events().subscribe(seen::add);
        String first = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a").job().id();
        stores.jobs.startTraining(first);
        stores.jobs.finishTraining(first, TestData.head(64, 1), TestData.pipeline(), TestData.result(0.5));
        String second = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a").job().id();
        stores.jobs.startTraining(second);
        stores.jobs.failTraining(second, "diverged");
        String third = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a").job().id();
        stores.jobs.requestCancel(third);
        stores.registry.promote("fraud", 1);
        String fourth = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a").job().id();
        stores.jobs.startTraining(fourth);
        stores.jobs.finishTraining(fourth, TestData.head(64, 4), TestData.pipeline(), TestData.result(0.6));
        stores.registry.promote("fraud", 4);
        stores.registry.archive("fraud", 1);
        stores.registry.deleteVersion("fraud", 2);

        assertThat(seen).containsExactly(
                new RegistryEvent(RegistryEvent.Kind.READY, "fraud", 1),
                new RegistryEvent(RegistryEvent.Kind.FAILED, "fraud", 2),
                new RegistryEvent(RegistryEvent.Kind.CANCELLED, "fraud", 3),
                new RegistryEvent(RegistryEvent.Kind.PROMOTED, "fraud", 1),
                new RegistryEvent(RegistryEvent.Kind.READY, "fraud", 4),
                new RegistryEvent(RegistryEvent.Kind.PROMOTED, "fraud", 4),
                new RegistryEvent(RegistryEvent.Kind.ARCHIVED, "fraud", 1),
                new RegistryEvent(RegistryEvent.Kind.DELETED, "fraud", 2));
    }

    @Test
    void recoveryFailsInterruptedWorkAndLeavesProductionAndOtherHostsAlone() throws Exception {
        ModelRegistry registry = stores.registry;
        JobStore jobs = stores.jobs;
        String finished = jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a").job().id();
        jobs.startTraining(finished);
        jobs.finishTraining(finished, TestData.head(4096, 1), TestData.pipeline(), TestData.result(0.8));
        registry.promote("fraud", 1);

        // v2: killed after writing its artifact, before marking it READY
        registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        String running = jobs.create("fraud", 2, "host-a").id();
        jobs.startTraining(running);
        stores.artifacts.write("fraud", 2, new ArtifactContent(TestData.head(64, 2), TestData.pipeline(), "{}".getBytes()));
        // v3: still queued
        registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        String waiting = jobs.create("fraud", 3, "host-a").id();
        // v4: trained right now by another host
        registry.createVersion("fraud", "finance", "fraud", TestData.lineage());
        String elsewhere = jobs.create("fraud", 4, "host-b").id();
        jobs.startTraining(elsewhere);
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

    private static final String SPEC = "{\"name\": \"fraud\"}";

    @Test
    void anyHostClaimsTheOldestQueuedJobAndAJobWithoutARequestFails() {
        JobStore.QueuedTraining first = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a", SPEC);
        JobStore.QueuedTraining second = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a", SPEC);
        try (Stores hostB = new Stores(dataDir, config)) {
            JobStore.Claim claim = hostB.jobs.claimNext("host-b").orElseThrow();
            assertThat(claim.job().id()).as("oldest first").isEqualTo(first.job().id());
            assertThat(claim.job().state()).isEqualTo(JobState.RUNNING);
            assertThat(claim.job().hostId()).as("run by the host that claimed it, not the one that accepted it").isEqualTo("host-b");
            assertThat(claim.lease()).isEqualTo(new JobStore.Lease(first.job().id(), "host-b", 1));
            assertThat(claim.spec()).isEqualTo(SPEC);
            assertThat(stores.registry.version("fraud", 1).state()).isEqualTo(VersionState.TRAINING);
        }
        assertThat(stores.jobs.claimNext("host-a").orElseThrow().job().id()).isEqualTo(second.job().id());
        assertThat(stores.jobs.claimNext("host-a")).as("queue empty").isEmpty();

        String old = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a").job().id();
        JobStore.Claim unrunnable = stores.jobs.claimNext("host-a").orElseThrow();
        assertThat(unrunnable.job().id()).isEqualTo(old);
        assertThat(unrunnable.lease()).isNull();
        assertThat(unrunnable.job().state()).isEqualTo(JobState.FAILED);
        assertThat(unrunnable.job().error()).contains("no stored training request");
        assertThat(stores.registry.version("fraud", 3).state()).isEqualTo(VersionState.FAILED);
    }

    @Test
    void hostsClaimingAtOnceEachGetDifferentJobs() throws Exception {
        int count = 12;
        for (int i = 0; i < count; i++) {
            stores.jobs.queueTraining("m" + (i % 3), "finance", "fraud", TestData.lineage(), "host-a", SPEC);
        }
        try (Stores hostB = new Stores(dataDir, config)) {
            List<String> claimed = new CopyOnWriteArrayList<>();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> workers = new java.util.ArrayList<>();
            for (int w = 0; w < 4; w++) {
                JobStore store = w % 2 == 0 ? stores.jobs : hostB.jobs;
                String host = w % 2 == 0 ? "host-a" : "host-b";
                workers.add(pool.submit(() -> {
                    go.await();
                    for (var claim = store.claimNext(host); claim.isPresent(); claim = store.claimNext(host)) {
                        claimed.add(claim.get().job().id());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (var worker : workers) {
                worker.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertThat(claimed).hasSize(count).doesNotHaveDuplicates();
        }
        assertThat(stores.jobs.countByState()).containsExactly(java.util.Map.entry(JobState.RUNNING, (long) count));
    }

    @Test
    void aLostRunIsReQueuedOnceAndFencedOffWhileAnotherHostRunsIt() {
        String id = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a", SPEC).job().id();
        JobStore.Lease lost = stores.jobs.claimNext("host-b").orElseThrow().lease();
        stores.jobs.progress(lost, new JobProgress("training", 1, 10, 0.5, null));
        java.time.Instant later = java.time.Instant.now().plusSeconds(120);

        assertThat(stores.jobs.recoverLost("host-a", later, true)).containsExactly(new JobStore.LostJob(id, true));
        JobInfo requeued = stores.jobs.get(id);
        assertThat(requeued.state()).isEqualTo(JobState.QUEUED);
        assertThat(requeued.error()).startsWith("host 'host-b' lost: no heartbeat since").endsWith("re-queued (attempt 1 of 2)");
        assertThat(requeued.progress()).isEqualTo(JobProgress.queued());
        assertThat(stores.registry.version("fraud", 1).state()).isEqualTo(VersionState.QUEUED);

        JobStore.Lease rerun = stores.jobs.claimNext("host-c").orElseThrow().lease();
        assertThat(rerun).isEqualTo(new JobStore.Lease(id, "host-c", 2));
        assertThat(stores.jobs.stillHeld(List.of(lost, rerun))).containsExactly(rerun);
        // the first run wakes up: none of its writes lands
        assertThatThrownBy(() -> stores.jobs.progress(lost, new JobProgress("training", 2, 10, 0.4, null)))
                .isInstanceOf(JobStore.LeaseLostException.class).hasMessageContaining("attempt 2 on host 'host-c'");
        assertThatThrownBy(() -> stores.jobs.finishTraining(lost, TestData.head(64, 1), TestData.pipeline(), TestData.result(0.5)))
                .isInstanceOf(JobStore.LeaseLostException.class);
        assertThatThrownBy(() -> stores.jobs.failTraining(lost, "boom")).isInstanceOf(JobStore.LeaseLostException.class);
        assertThat(stores.artifacts.exists("fraud", 1)).isFalse();
        assertThat(stores.jobs.get(id).state()).isEqualTo(JobState.RUNNING);

        // lost a second time: it has had its re-run, so it fails
        assertThat(stores.jobs.recoverLost("host-a", later, true)).containsExactly(new JobStore.LostJob(id, false));
        assertThat(stores.jobs.get(id).state()).isEqualTo(JobState.FAILED);
        assertThat(stores.jobs.get(id).error()).startsWith("host 'host-c' lost");
        assertThat(stores.registry.version("fraud", 1).state()).isEqualTo(VersionState.FAILED);
        assertThatThrownBy(() -> stores.jobs.cancelTraining(rerun)).isInstanceOf(JobStore.LeaseLostException.class);
    }

    @Test
    void aRestartKeepsQueuedJobsForAnyHostAndReQueuesItsRunOnlyWhenAsked() {
        String flagged = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a", SPEC).job().id();
        String running = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a", SPEC).job().id();
        assertThat(stores.jobs.claimNext("host-a").orElseThrow().job().id()).isEqualTo(flagged);
        JobStore.Lease lease = stores.jobs.claimNext("host-a").orElseThrow().lease();
        assertThat(lease.jobId()).isEqualTo(running);
        stores.jobs.requestCancel(flagged); // asked to stop: not run again
        String waiting = stores.jobs.queueTraining("fraud", "finance", "fraud", TestData.lineage(), "host-a", SPEC).job().id();

        RecoveryReport report = reopen().jobs.recoverInterrupted("host-a", true);
        assertThat(report.failedJobs()).containsExactly(flagged);
        assertThat(stores.jobs.get(running).state()).isEqualTo(JobState.QUEUED);
        assertThat(stores.jobs.get(running).error()).isEqualTo("interrupted by restart; re-queued");
        assertThat(stores.registry.version("fraud", 2).state()).isEqualTo(VersionState.QUEUED);
        assertThat(stores.jobs.get(waiting).state()).as("queued jobs wait for any host").isEqualTo(JobState.QUEUED);
        assertThat(stores.registry.version("fraud", 3).state()).isEqualTo(VersionState.QUEUED);
        assertThat(stores.jobs.stillHeld(List.of(lease))).isEmpty();
    }
}
