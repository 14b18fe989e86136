package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.baihua.core.ConflictException;
import org.baihua.core.NotFoundException;

/**
 * Persisted training jobs: state, progress, error and cancel requests. The executor that runs them
 * lives elsewhere; this store makes their state survive the process, and repairs what a crash or
 * kill left behind ({@link #recoverInterrupted}).
 */
public final class JobStore {
    /** The error recorded on jobs and versions that a restart interrupted. */
    public static final String INTERRUPTED = "interrupted by restart";

    private static final String COLUMNS = "id, model_name, version, host_id, state, progress, error,"
            + " cancel_requested, created_at, started_at, finished_at, updated_at";

    private final Database database;
    private final ArtifactStore artifacts;
    private final JsonColumns json = new JsonColumns();
    private final VersionRows versions = new VersionRows(json);
    private final RegistryEvents events;

    @Inject
    public JobStore(Database database, ArtifactStore artifacts, RegistryEvents events) {
        this.database = requireNonNull(database, "database is null");
        this.artifacts = requireNonNull(artifacts, "artifacts is null");
        this.events = requireNonNull(events, "events is null");
    }

    /**
     * A queued version and the job that will train it.
     *
     * @param version the new QUEUED version
     * @param job its QUEUED job
     */
    public record QueuedTraining(ModelVersion version, JobInfo job) {}

    /**
     * Which run of a job a host holds. Every write of that run names it, and is refused with
     * {@link LeaseLostException} once the job has been failed or re-queued by another host: the
     * attempt is the fencing token that keeps a job from being finished by two runs.
     *
     * @param jobId the job
     * @param hostId the host running it
     * @param attempt the job's claim count when this host claimed it
     */
    public record Lease(String jobId, String hostId, int attempt) {}

    /**
     * A job a host has claimed from the queue.
     *
     * @param job the job, now RUNNING on the claiming host (or FAILED when it could not run: see {@code spec})
     * @param lease the claiming host's lease, null when the job failed instead
     * @param spec the stored training request, null when the job had none and was failed
     */
    public record Claim(JobInfo job, Lease lease, String spec) {}

    /**
     * A job of a lost host, failed or re-queued.
     *
     * @param id the job
     * @param requeued whether it went back to the queue (else it FAILED)
     */
    public record LostJob(String id, boolean requeued) {}

    /** A write of a run that no longer holds its job (another host failed or re-queued it meanwhile). */
    public static final class LeaseLostException extends ConflictException {
        LeaseLostException(Lease lease, String now) {
            super("Job '" + lease.jobId() + "' is no longer held by host '" + lease.hostId() + "' (attempt " + lease.attempt()
                    + "): " + now);
        }
    }

    /** How many times a job runs at most: the first run and one re-run after its host was lost. */
    public static final int MAX_ATTEMPTS = 2;

    /**
     * Creates the next version of model {@code name} (creating the model on its first version) and
     * its training job in one transaction, so that no version exists without its job: start-up
     * recovery of another host can then never mistake it for an orphan.
     *
     * @throws org.baihua.core.InvalidRequestException if an id is malformed
     * @throws ConflictException if the model exists for another domain or task
     */
    public QueuedTraining queueTraining(String name, String domain, String task, Lineage lineage, String hostId) {
        return queueTraining(name, domain, task, lineage, hostId, null);
    }

    /**
     * As {@link #queueTraining(String, String, String, Lineage, String)}, storing the training request
     * {@code spec} (a JSON document) with the job, so that whichever host is free can claim and run it
     * ({@link #claimNext}). {@code hostId} is the host that accepted the request.
     */
    public QueuedTraining queueTraining(String name, String domain, String task, Lineage lineage, String hostId, String spec) {
        Names.requireText(hostId, "host id");
        Instant now = Instant.now();
        return database.write("queueing training of model '" + name + "'", c -> {
            ModelVersion version = versions.create(c, name, domain, task, lineage, now);
            JobInfo job = insert(c, name, version.version(), hostId, now);
            if (spec != null) {
                Rows.update(c, "UPDATE jobs SET spec = ? WHERE id = ?", spec, job.id());
            }
            return new QueuedTraining(version, job);
        });
    }

    /** Queues a job that trains an existing model version, run by host {@code hostId}. */
    public JobInfo create(String model, int version, String hostId) {
        Names.requireId(model, "model");
        Names.requireVersion(version);
        Names.requireText(hostId, "host id");
        Instant now = Instant.now();
        return database.write("creating a job for model '" + model + "' version " + version, c -> {
            versions.get(c, model, version);
            return insert(c, model, version, hostId, now);
        });
    }

    private JobInfo insert(Connection c, String model, int version, String hostId, Instant now) throws SQLException {
        String id = "job-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Rows.update(c, "INSERT INTO jobs (" + COLUMNS + ") VALUES (?, ?, ?, ?, 'QUEUED', ?, NULL, 0, ?, NULL, NULL, ?)",
                id, model, version, hostId, json.write(JobProgress.queued()), now, now);
        return get(c, id);
    }

    private JobInfo move(Connection c, JobInfo job, JobState target, String error, String timeColumn, Instant now)
            throws SQLException {
        if (!job.state().canMoveTo(target)) {
            throw new ConflictException("Job '" + job.id() + "' is " + job.state() + " and cannot become " + target);
        }
        Rows.update(c, "UPDATE jobs SET state = ?, error = ?, " + timeColumn + " = ?, updated_at = ? WHERE id = ?",
                target, error, now, now, job.id());
        return get(c, job.id());
    }

    // A training job and the version it trains move together, each pair in one transaction: a crash
    // can never leave a READY version behind a FAILED job, or a TRAINING version behind an ended one.

    /**
     * Starts a training job: the job QUEUED &rarr; RUNNING and its version QUEUED &rarr; TRAINING, in one transaction.
     *
     * @throws ConflictException if either cannot move (for example the job was cancelled meanwhile); then neither moves
     */
    public JobInfo startTraining(String id) {
        Instant now = Instant.now();
        return database.write("starting training job '" + id + "'", c -> {
            JobInfo job = get(c, id);
            versions.lockModel(c, job.model());
            VersionRows.requireMove(versions.get(c, job.model(), job.version()), VersionState.TRAINING);
            JobInfo started = move(c, job, JobState.RUNNING, null, "started_at", now);
            versions.startTraining(c, new VersionRef(job.model(), job.version()), now);
            return started;
        });
    }

    /**
     * Ends a training job successfully: writes the version's artifact atomically, then in one transaction
     * marks the version READY with its metrics and the job SUCCEEDED. If either cannot move, neither does
     * and the artifact is removed.
     *
     * @param headOnnx the trained head as ONNX
     * @param pipelineJson the fitted feature pipeline, a JSON object
     * @throws ConflictException if the job is no longer RUNNING or its version no longer TRAINING
     */
    public JobInfo finishTraining(String id, byte[] headOnnx, byte[] pipelineJson, TrainingResult result) {
        return finishTraining(id, null, headOnnx, pipelineJson, result, null);
    }

    /**
     * As {@link #finishTraining(String, byte[], byte[], TrainingResult)} for the run holding {@code lease}:
     * checked before the artifact is written and again in the transaction that marks it READY.
     *
     * @throws LeaseLostException if the run no longer holds the job; its artifact is then left alone, since
     *     the run now holding the job owns the version's artifact
     */
    public JobInfo finishTraining(Lease lease, byte[] headOnnx, byte[] pipelineJson, TrainingResult result) {
        return finishTraining(lease.jobId(), lease, headOnnx, pipelineJson, result, null);
    }

    /**
     * As {@link #finishTraining(Lease, byte[], byte[], TrainingResult)}, the artifact also holding the
     * fine-tuned encoder in {@code encoderDirectory} (null: none).
     */
    public JobInfo finishTraining(Lease lease, byte[] headOnnx, byte[] pipelineJson, TrainingResult result,
                                  java.nio.file.Path encoderDirectory) {
        return finishTraining(lease.jobId(), lease, headOnnx, pipelineJson, result, encoderDirectory);
    }

    private JobInfo finishTraining(String id, Lease lease, byte[] headOnnx, byte[] pipelineJson, TrainingResult result,
                                   java.nio.file.Path encoderDirectory) {
        requireNonNull(result, "result is null");
        ModelRegistry.requireJsonObject(json, pipelineJson);
        if (lease != null) {
            database.read("checking the lease of job '" + id + "'", c -> requireHeld(c, lease));
        }
        JobInfo job = get(id);
        VersionRef ref = new VersionRef(job.model(), job.version());
        VersionRows.requireMove(database.read("reading " + ref, c -> versions.get(c, ref.model(), ref.version())),
                VersionState.READY);
        ArtifactBundle stored = artifacts.write(ref.model(), ref.version(),
                new ArtifactContent(headOnnx, pipelineJson, json.writeBytes(result.metrics()), encoderDirectory));
        Instant now = Instant.now();
        JobInfo done;
        try {
            done = database.write("finishing training job '" + id + "'", c -> {
                versions.lockModel(c, ref.model());
                if (lease != null) {
                    requireHeld(c, lease);
                }
                VersionRows.requireMove(versions.get(c, ref.model(), ref.version()), VersionState.READY);
                JobInfo succeeded = move(c, get(c, id), JobState.SUCCEEDED, null, "finished_at", now);
                versions.markReady(c, ref, result, stored.manifestSha256(), now);
                return succeeded;
            });
        } catch (LeaseLostException e) {
            throw e;
        } catch (RuntimeException e) {
            artifacts.delete(ref.model(), ref.version());
            throw e;
        }
        events.publish(new RegistryEvent(RegistryEvent.Kind.READY, ref.model(), ref.version()));
        return done;
    }

    /**
     * Ends a training job with a failure: the job and its version FAILED with the reason (cut to 2000
     * characters), in one transaction; any partial artifact is removed.
     */
    public JobInfo failTraining(String id, String error) {
        return endTraining(id, null, JobState.FAILED, VersionState.FAILED, Names.errorText(error));
    }

    /** As {@link #failTraining(String, String)} for the run holding {@code lease}; {@link LeaseLostException} if it lost it. */
    public JobInfo failTraining(Lease lease, String error) {
        return endTraining(lease.jobId(), lease, JobState.FAILED, VersionState.FAILED, Names.errorText(error));
    }

    /** Ends a training job that stopped on a cancel request: the job and its version CANCELLED, in one transaction. */
    public JobInfo cancelTraining(String id) {
        return endTraining(id, null, JobState.CANCELLED, VersionState.CANCELLED, "cancelled");
    }

    /** As {@link #cancelTraining(String)} for the run holding {@code lease}; {@link LeaseLostException} if it lost it. */
    public JobInfo cancelTraining(Lease lease) {
        return endTraining(lease.jobId(), lease, JobState.CANCELLED, VersionState.CANCELLED, "cancelled");
    }

    private JobInfo endTraining(String id, Lease lease, JobState jobState, VersionState versionState, String error) {
        Instant now = Instant.now();
        record Ended(JobInfo job, boolean versionMoved) {}
        Ended ended = database.write("ending training job '" + id + "' as " + jobState, c -> {
            JobInfo job = get(c, id);
            versions.lockModel(c, job.model());
            if (lease != null) {
                requireHeld(c, lease);
            }
            ModelVersion version = versions.get(c, job.model(), job.version());
            JobInfo moved = move(c, job, jobState, error, "finished_at", now);
            // the version may already have ended with the job's cancel request
            boolean versionMoves = version.state().canMoveTo(versionState);
            if (versionMoves) {
                versions.finishUnsuccessfully(c, new VersionRef(job.model(), job.version()), versionState, error, now);
            }
            return new Ended(moved, versionMoves);
        });
        artifacts.delete(ended.job().model(), ended.job().version());
        if (ended.versionMoved()) {
            events.publish(new RegistryEvent(versionState == VersionState.FAILED ? RegistryEvent.Kind.FAILED
                    : RegistryEvent.Kind.CANCELLED, ended.job().model(), ended.job().version()));
        }
        return ended.job();
    }

    /** Records the progress of a RUNNING job. */
    public JobInfo progress(String id, JobProgress progress) {
        return progress(id, null, progress);
    }

    /** As {@link #progress(String, JobProgress)} for the run holding {@code lease}; {@link LeaseLostException} if it lost it. */
    public JobInfo progress(Lease lease, JobProgress progress) {
        return progress(lease.jobId(), lease, progress);
    }

    private JobInfo progress(String id, Lease lease, JobProgress progress) {
        requireNonNull(progress, "progress is null");
        Instant now = Instant.now();
        return database.write("recording progress of job '" + id + "'", c -> {
            if (lease != null) {
                requireHeld(c, lease);
            }
            JobInfo job = get(c, id);
            if (job.state() != JobState.RUNNING) {
                throw new ConflictException("Job '" + id + "' is " + job.state() + ": only a RUNNING job makes progress");
            }
            Rows.update(c, "UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ?", json.write(progress), now, id);
            return get(c, id);
        });
    }

    /**
     * Asks for a job to stop: a QUEUED job is CANCELLED at once, together with its version if that is
     * still QUEUED (one transaction); a RUNNING one is flagged for its executor, which stops and calls
     * {@link #cancelTraining}.
     *
     * @throws ConflictException if the job has already ended
     */
    public JobInfo requestCancel(String id) {
        Instant now = Instant.now();
        record Cancel(JobInfo job, boolean versionCancelled) {}
        Cancel cancel = database.write("cancelling job '" + id + "'", c -> {
            JobInfo job = get(c, id);
            boolean versionCancelled = false;
            switch (job.state()) {
                case QUEUED -> {
                    versions.lockModel(c, job.model());
                    // another host may have claimed it meanwhile: then it is RUNNING, and only flagged
                    if (Rows.update(c, "UPDATE jobs SET state = 'CANCELLED', error = 'cancelled',"
                            + " cancel_requested = 1, finished_at = ?, updated_at = ? WHERE id = ? AND state = 'QUEUED'",
                            now, now, id) == 0) {
                        Rows.update(c, "UPDATE jobs SET cancel_requested = 1, updated_at = ? WHERE id = ? AND state = 'RUNNING'",
                                now, id);
                    } else if (versions.get(c, job.model(), job.version()).state() == VersionState.QUEUED) {
                        versions.finishUnsuccessfully(c, new VersionRef(job.model(), job.version()), VersionState.CANCELLED,
                                "cancelled", now);
                        versionCancelled = true;
                    }
                }
                case RUNNING -> Rows.update(c, "UPDATE jobs SET cancel_requested = 1, updated_at = ? WHERE id = ?",
                        now, id);
                default -> throw new ConflictException("Job '" + id + "' is " + job.state() + " and cannot be cancelled");
            }
            return new Cancel(get(c, id), versionCancelled);
        });
        if (cancel.versionCancelled()) {
            events.publish(new RegistryEvent(RegistryEvent.Kind.CANCELLED, cancel.job().model(), cancel.job().version()));
        }
        return cancel.job();
    }

    /** The job, or {@link NotFoundException}. */
    public JobInfo get(String id) {
        return database.read("reading job '" + id + "'", c -> get(c, id));
    }

    /** The job, if it exists. */
    public Optional<JobInfo> find(String id) {
        return database.read("reading job '" + id + "'", c ->
                Rows.first(c, "SELECT " + COLUMNS + " FROM jobs WHERE id = ?", this::job, id));
    }

    /** Every job, newest first. */
    public List<JobInfo> list() {
        return database.read("listing jobs", c ->
                Rows.list(c, "SELECT " + COLUMNS + " FROM jobs ORDER BY created_at DESC, id", this::job));
    }

    /** How many jobs are in each state (states without jobs are absent), in one query. */
    public Map<JobState, Long> countByState() {
        return database.read("counting jobs by state", c -> {
            Map<JobState, Long> counts = new java.util.EnumMap<>(JobState.class);
            for (var row : Rows.list(c, "SELECT state, COUNT(*) AS n FROM jobs GROUP BY state",
                    rs -> Map.entry(JobState.valueOf(rs.getString("state")), rs.getLong("n")))) {
                counts.put(row.getKey(), row.getValue());
            }
            return counts;
        });
    }

    /** The jobs of a model version, oldest first. */
    public List<JobInfo> forVersion(String model, int version) {
        return database.read("listing jobs of model '" + model + "' version " + version, c ->
                Rows.list(c, "SELECT " + COLUMNS + " FROM jobs WHERE model_name = ? AND version = ?"
                        + " ORDER BY created_at, id", this::job, model, version));
    }

    private JobInfo get(Connection c, String id) throws SQLException {
        return Rows.first(c, "SELECT " + COLUMNS + " FROM jobs WHERE id = ?", this::job, id)
                .orElseThrow(() -> new NotFoundException("Job '" + id + "' not found"));
    }

    /**
     * Repairs what a crash or kill of host {@code hostId} left behind; call once at start-up, before
     * the executor takes new jobs. The host's RUNNING jobs become FAILED ({@value #INTERRUPTED}), or go
     * back to the queue when {@code requeue} and they have run only once; QUEUED jobs stay queued for
     * whichever host is free, except those with no stored request (queued before the shared queue),
     * which no host can run and which fail too. Versions still QUEUED or TRAINING with no live job fail
     * (hosts that share a database create versions with {@link #queueTraining}, so a live version
     * always has one); their partial artifacts, and any artifact folder whose version is not READY, are
     * removed. READY versions, and so production versions, are untouched. Jobs of other hosts sharing
     * the database are left alone.
     */
    public RecoveryReport recoverInterrupted(String hostId) {
        return recoverInterrupted(hostId, false);
    }

    /** As {@link #recoverInterrupted(String)}, re-queueing this host's interrupted runs when {@code requeue}. */
    public RecoveryReport recoverInterrupted(String hostId, boolean requeue) {
        Names.requireText(hostId, "host id");
        Instant now = Instant.now();
        record Failed(List<String> jobs, List<VersionRef> versions) {}
        Failed failed = database.write("recovering interrupted jobs of host '" + hostId + "'", c -> {
            record Interrupted(String id, VersionRef version, int attempt) {}
            List<Interrupted> running = Rows.list(c, "SELECT id, model_name, version, attempt FROM jobs"
                    + " WHERE host_id = ? AND state = 'RUNNING' ORDER BY created_at, id",
                    rs -> new Interrupted(rs.getString("id"), new VersionRef(rs.getString("model_name"), rs.getInt("version")),
                            rs.getInt("attempt")), hostId);
            List<String> jobs = new java.util.ArrayList<>();
            for (Interrupted job : running) {
                if (!(requeue && job.attempt() < MAX_ATTEMPTS && hasSpec(c, job.id())
                        && requeue(c, job.id(), job.version(), INTERRUPTED + "; re-queued", now))) {
                    jobs.add(job.id());
                    Rows.update(c, "UPDATE jobs SET state = 'FAILED', error = ?, finished_at = ?, updated_at = ? WHERE id = ?",
                            INTERRUPTED, now, now, job.id());
                }
            }
            List<String> unrunnable = Rows.list(c, "SELECT id FROM jobs WHERE host_id = ? AND state = 'QUEUED' AND spec IS NULL"
                    + " ORDER BY created_at, id", rs -> rs.getString("id"), hostId);
            for (String id : unrunnable) {
                jobs.add(id);
                Rows.update(c, "UPDATE jobs SET state = 'FAILED', error = ?, finished_at = ?, updated_at = ? WHERE id = ?",
                        INTERRUPTED, now, now, id);
            }
            List<VersionRef> orphans = Rows.list(c, "SELECT v.model_name, v.version FROM model_versions v"
                    + " WHERE v.state IN ('QUEUED', 'TRAINING') AND NOT EXISTS (SELECT 1 FROM jobs j"
                    + " WHERE j.model_name = v.model_name AND j.version = v.version AND j.state IN ('QUEUED', 'RUNNING'))"
                    + " ORDER BY v.model_name, v.version",
                    rs -> new VersionRef(rs.getString("model_name"), rs.getInt("version")));
            for (VersionRef ref : orphans) {
                versions.finishUnsuccessfully(c, ref, VersionState.FAILED, INTERRUPTED, now);
            }
            return new Failed(jobs, orphans);
        });
        return new RecoveryReport(failed.jobs(), failed.versions(), removeUnservableArtifacts());
    }

    private static boolean hasSpec(Connection c, String id) throws SQLException {
        return Rows.first(c, "SELECT id FROM jobs WHERE id = ? AND spec IS NOT NULL", rs -> rs.getString("id"), id).isPresent();
    }

    /**
     * Puts a RUNNING job and its TRAINING version back in the queue, keeping why in the job's error;
     * false (nothing changed) when someone asked the job to stop.
     */
    private boolean requeue(Connection c, String id, VersionRef version, String why, Instant now) throws SQLException {
        if (Rows.update(c, "UPDATE jobs SET state = 'QUEUED', error = ?, progress = ?, started_at = NULL, updated_at = ?"
                + " WHERE id = ? AND state = 'RUNNING' AND cancel_requested = 0", Names.errorText(why),
                json.write(JobProgress.queued()), now, id) == 0) {
            return false;
        }
        Rows.update(c, "UPDATE model_versions SET state = 'QUEUED', started_at = NULL"
                + " WHERE model_name = ? AND version = ? AND state = 'TRAINING'", version.model(), version.version());
        return true;
    }

    private List<VersionRef> removeUnservableArtifacts() {
        Map<VersionRef, VersionState> states = database.read("listing version states", c -> {
            Map<VersionRef, VersionState> map = new HashMap<>();
            for (var row : Rows.list(c, "SELECT model_name, version, state FROM model_versions",
                    rs -> Map.entry(new VersionRef(rs.getString("model_name"), rs.getInt("version")),
                            VersionState.valueOf(rs.getString("state"))))) {
                map.put(row.getKey(), row.getValue());
            }
            return map;
        });
        List<VersionRef> removed = new java.util.ArrayList<>();
        for (VersionRef ref : artifacts.storedVersions()) {
            VersionState state = states.get(ref);
            // An active version may be another host's training in progress: leave its folder alone.
            if (state == null || (state != VersionState.READY && !state.isActive())) {
                artifacts.delete(ref.model(), ref.version());
                removed.add(ref);
            }
        }
        return removed;
    }

    /** Renews the lease of this host's running jobs; returns how many it holds. */
    public int heartbeat(String hostId) {
        Instant now = Instant.now();
        return database.write("renewing the job lease of host '" + hostId + "'", c -> Rows.update(c,
                "UPDATE jobs SET updated_at = ? WHERE host_id = ? AND state = 'RUNNING'", now, hostId));
    }

    /**
     * Of {@code leases}, those whose run still holds its job with no cancel request: a run missing here
     * was failed or re-queued by another host (or its job was asked to stop) and must stop.
     */
    public java.util.Set<Lease> stillHeld(java.util.Collection<Lease> leases) {
        if (leases.isEmpty()) {
            return java.util.Set.of();
        }
        return database.read("checking job leases", c -> {
            java.util.Set<Lease> held = new java.util.HashSet<>();
            for (Lease lease : leases) {
                if (Rows.first(c, "SELECT id FROM jobs WHERE id = ? AND host_id = ? AND attempt = ? AND state = 'RUNNING'"
                        + " AND cancel_requested = 0", rs -> rs.getString("id"), lease.jobId(), lease.hostId(), lease.attempt())
                        .isPresent()) {
                    held.add(lease);
                }
            }
            return held;
        });
    }

    private Void requireHeld(Connection c, Lease lease) throws SQLException {
        record Holder(String host, int attempt, String state) {}
        Holder holder = Rows.first(c, "SELECT host_id, attempt, state FROM jobs WHERE id = ?",
                rs -> new Holder(rs.getString("host_id"), rs.getInt("attempt"), rs.getString("state")), lease.jobId())
                .orElseThrow(() -> new NotFoundException("Job '" + lease.jobId() + "' not found"));
        if (!holder.host().equals(lease.hostId()) || holder.attempt() != lease.attempt()) {
            throw new LeaseLostException(lease, "it is " + holder.state() + ", attempt " + holder.attempt() + " on host '"
                    + holder.host() + "'");
        }
        if (!holder.state().equals("RUNNING")) {
            throw new LeaseLostException(lease, "it is " + holder.state());
        }
        return null;
    }

    /**
     * Claims the oldest QUEUED job for host {@code hostId}: in one transaction the job becomes RUNNING on
     * that host with its attempt counted, and its version TRAINING. On PostgreSQL the row is taken with
     * {@code FOR UPDATE SKIP LOCKED}, so hosts claiming at once each get a different job and never wait
     * on each other. A job with no stored request, or whose version can no longer train, is FAILED
     * instead and returned without a lease.
     *
     * @return the claim, or empty when the queue is empty
     */
    public Optional<Claim> claimNext(String hostId) {
        Names.requireText(hostId, "host id");
        String lock = database.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        Instant now = Instant.now();
        record Claimed(Claim claim, boolean versionFailed) {}
        Optional<Claimed> claimed = database.write("claiming a queued job for host '" + hostId + "'", c -> {
            record Row(String id, String spec, int attempt) {}
            Optional<Row> row = Rows.first(c, "SELECT id, spec, attempt FROM jobs WHERE state = 'QUEUED'"
                    + " ORDER BY created_at, id LIMIT 1" + lock,
                    rs -> new Row(rs.getString("id"), rs.getString("spec"), rs.getInt("attempt")));
            if (row.isEmpty()) {
                return Optional.empty();
            }
            JobInfo job = get(c, row.get().id());
            VersionRef ref = new VersionRef(job.model(), job.version());
            versions.lockModel(c, job.model());
            ModelVersion version = versions.get(c, job.model(), job.version());
            String unrunnable = row.get().spec() == null ? "the job has no stored training request (it was queued by an"
                    + " older host), so no host can run it: submit it again"
                    : version.state() != VersionState.QUEUED ? "its version is " + version.state() + ", not QUEUED" : null;
            if (unrunnable != null) {
                Rows.update(c, "UPDATE jobs SET state = 'FAILED', error = ?, finished_at = ?, updated_at = ? WHERE id = ?",
                        unrunnable, now, now, job.id());
                boolean versionFails = version.state().canMoveTo(VersionState.FAILED);
                if (versionFails) {
                    versions.finishUnsuccessfully(c, ref, VersionState.FAILED, unrunnable, now);
                }
                return Optional.of(new Claimed(new Claim(get(c, job.id()), null, null), versionFails));
            }
            int attempt = row.get().attempt() + 1;
            Rows.update(c, "UPDATE jobs SET state = 'RUNNING', host_id = ?, attempt = ?, started_at = ?, updated_at = ?"
                    + " WHERE id = ?", hostId, attempt, now, now, job.id());
            versions.startTraining(c, ref, now);
            return Optional.of(new Claimed(new Claim(get(c, job.id()), new Lease(job.id(), hostId, attempt), row.get().spec()),
                    false));
        });
        claimed.filter(Claimed::versionFailed).ifPresent(done -> events.publish(
                new RegistryEvent(RegistryEvent.Kind.FAILED, done.claim().job().model(), done.claim().job().version())));
        return claimed.map(Claimed::claim);
    }

    /** How many jobs wait in the queue, over all hosts. */
    public int countQueued() {
        return database.read("counting queued jobs", c -> Rows.first(c, "SELECT COUNT(*) AS n FROM jobs WHERE state = 'QUEUED'",
                rs -> rs.getInt("n")).orElse(0));
    }

    /**
     * Fails the running jobs of other hosts whose last heartbeat is older than {@code cutoff} ("host X
     * lost"), with their versions, and removes any artifact their versions left.
     *
     * @return the ids of the jobs failed
     * @see #recoverLost
     */
    public List<String> failLost(String thisHost, Instant cutoff) {
        return recoverLost(thisHost, cutoff, false).stream().map(LostJob::id).toList();
    }

    /**
     * Handles the running jobs of other hosts whose last heartbeat is older than {@code cutoff}: each is
     * re-queued with its version when {@code requeue} and it has run only once (another host then claims
     * it; its attempt is the fencing token that keeps the lost run, should it wake up, from finishing
     * it), else failed ("host X lost"). Any artifact their versions left is removed. On PostgreSQL the
     * rows are taken with {@code FOR UPDATE SKIP LOCKED}, so hosts sweeping at once never handle the
     * same job twice.
     */
    public List<LostJob> recoverLost(String thisHost, Instant cutoff, boolean requeue) {
        Instant now = Instant.now();
        String lock = database.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        record Lost(String id, String host, VersionRef version, Instant heartbeat, int attempt, boolean hasSpec) {}
        record Handled(Lost job, boolean requeued) {}
        List<Handled> handled = database.write("handling the jobs of lost hosts", c -> {
            List<Lost> found = Rows.list(c, "SELECT id, host_id, model_name, version, updated_at, attempt, spec FROM jobs"
                    + " WHERE host_id <> ? AND state = 'RUNNING' AND updated_at < ? ORDER BY id" + lock,
                    rs -> new Lost(rs.getString("id"), rs.getString("host_id"),
                            new VersionRef(rs.getString("model_name"), rs.getInt("version")), Rows.instant(rs, "updated_at"),
                            rs.getInt("attempt"), rs.getString("spec") != null),
                    thisHost, cutoff);
            List<Handled> done = new java.util.ArrayList<>();
            for (Lost job : found) {
                String error = "host '" + job.host() + "' lost: no heartbeat since " + job.heartbeat();
                if (requeue && job.hasSpec() && job.attempt() < MAX_ATTEMPTS && requeue(c, job.id(), job.version(),
                        error + "; re-queued (attempt " + job.attempt() + " of " + MAX_ATTEMPTS + ")", now)) {
                    done.add(new Handled(job, true));
                    continue;
                }
                Rows.update(c, "UPDATE jobs SET state = 'FAILED', error = ?, finished_at = ?, updated_at = ?"
                        + " WHERE id = ? AND state = 'RUNNING'", error, now, now, job.id());
                Rows.update(c, "UPDATE model_versions SET state = 'FAILED', error = ?, finished_at = ?"
                        + " WHERE model_name = ? AND version = ? AND state IN ('QUEUED', 'TRAINING')",
                        error, now, job.version().model(), job.version().version());
                done.add(new Handled(job, false));
            }
            return done;
        });
        for (Handled job : handled) {
            artifacts.delete(job.job().version().model(), job.job().version().version());
            if (!job.requeued()) {
                events.publish(new RegistryEvent(RegistryEvent.Kind.FAILED, job.job().version().model(),
                        job.job().version().version()));
            }
        }
        return handled.stream().map(h -> new LostJob(h.job().id(), h.requeued())).toList();
    }

    private JobInfo job(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String progress = rs.getString("progress");
        return new JobInfo(id, rs.getString("model_name"), rs.getInt("version"), rs.getString("host_id"),
                JobState.valueOf(rs.getString("state")),
                progress == null ? null : json.read(progress, JobProgress.class, "the progress of job '" + id + "'"),
                rs.getString("error"), rs.getInt("cancel_requested") != 0,
                Rows.instant(rs, "created_at"), Rows.instant(rs, "started_at"), Rows.instant(rs, "finished_at"),
                Rows.instant(rs, "updated_at"));
    }
}
