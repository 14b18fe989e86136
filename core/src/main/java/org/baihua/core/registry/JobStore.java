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
     * Creates the next version of model {@code name} (creating the model on its first version) and
     * its training job in one transaction, so that no version exists without its job: start-up
     * recovery of another host can then never mistake it for an orphan.
     *
     * @throws org.baihua.core.InvalidRequestException if an id is malformed
     * @throws ConflictException if the model exists for another domain or task
     */
    public QueuedTraining queueTraining(String name, String domain, String task, Lineage lineage, String hostId) {
        Names.requireText(hostId, "host id");
        Instant now = Instant.now();
        return database.write("queueing training of model '" + name + "'", c -> {
            ModelVersion version = versions.create(c, name, domain, task, lineage, now);
            return new QueuedTraining(version, insert(c, name, version.version(), hostId, now));
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
        return finishTraining(id, headOnnx, pipelineJson, result, null);
    }

    /**
     * Ends a training job as {@link #finishTraining(String, byte[], byte[], TrainingResult)} does, its
     * artifact also holding the fine-tuned encoder in {@code encoderDirectory} (null: none).
     */
    public JobInfo finishTraining(String id, byte[] headOnnx, byte[] pipelineJson, TrainingResult result,
                                  java.nio.file.Path encoderDirectory) {
        requireNonNull(result, "result is null");
        ModelRegistry.requireJsonObject(json, pipelineJson);
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
                VersionRows.requireMove(versions.get(c, ref.model(), ref.version()), VersionState.READY);
                JobInfo succeeded = move(c, get(c, id), JobState.SUCCEEDED, null, "finished_at", now);
                versions.markReady(c, ref, result, stored.manifestSha256(), now);
                return succeeded;
            });
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
        return endTraining(id, JobState.FAILED, VersionState.FAILED, Names.errorText(error));
    }

    /** Ends a training job that stopped on a cancel request: the job and its version CANCELLED, in one transaction. */
    public JobInfo cancelTraining(String id) {
        return endTraining(id, JobState.CANCELLED, VersionState.CANCELLED, "cancelled");
    }

    private JobInfo endTraining(String id, JobState jobState, VersionState versionState, String error) {
        Instant now = Instant.now();
        record Ended(JobInfo job, boolean versionMoved) {}
        Ended ended = database.write("ending training job '" + id + "' as " + jobState, c -> {
            JobInfo job = get(c, id);
            versions.lockModel(c, job.model());
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
        requireNonNull(progress, "progress is null");
        Instant now = Instant.now();
        return database.write("recording progress of job '" + id + "'", c -> {
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
                    Rows.update(c, "UPDATE jobs SET state = 'CANCELLED', error = 'cancelled',"
                            + " cancel_requested = 1, finished_at = ?, updated_at = ? WHERE id = ?", now, now, id);
                    if (versions.get(c, job.model(), job.version()).state() == VersionState.QUEUED) {
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
     * the executor takes new jobs. The host's QUEUED and RUNNING jobs become FAILED
     * ({@value #INTERRUPTED}), as do versions still QUEUED or TRAINING with no live job (hosts that
     * share a database create versions with {@link #queueTraining}, so a live version always has one); their
     * partial artifacts, and any artifact folder whose version is not READY, are removed. READY
     * versions, and so production versions, are untouched. Jobs of other hosts sharing the database
     * are left alone.
     */
    public RecoveryReport recoverInterrupted(String hostId) {
        Names.requireText(hostId, "host id");
        Instant now = Instant.now();
        record Failed(List<String> jobs, List<VersionRef> versions) {}
        Failed failed = database.write("recovering interrupted jobs of host '" + hostId + "'", c -> {
            List<String> jobs = Rows.list(c, "SELECT id FROM jobs WHERE host_id = ? AND state IN ('QUEUED', 'RUNNING')"
                    + " ORDER BY created_at, id", rs -> rs.getString("id"), hostId);
            Rows.update(c, "UPDATE jobs SET state = 'FAILED', error = ?, finished_at = ?, updated_at = ?"
                    + " WHERE host_id = ? AND state IN ('QUEUED', 'RUNNING')", INTERRUPTED, now, now, hostId);
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

    /** Renews the lease of this host's queued and running jobs; returns how many it holds. */
    public int heartbeat(String hostId) {
        Instant now = Instant.now();
        return database.write("renewing the job lease of host '" + hostId + "'", c -> Rows.update(c,
                "UPDATE jobs SET updated_at = ? WHERE host_id = ? AND state IN ('QUEUED', 'RUNNING')", now, hostId));
    }

    /**
     * Fails the queued and running jobs of other hosts whose last heartbeat is older than
     * {@code cutoff} ("host X lost"), with their versions, and removes any artifact their versions
     * left. On PostgreSQL the rows are taken with {@code FOR UPDATE SKIP LOCKED}, so hosts sweeping
     * at once never handle the same job twice.
     *
     * @return the ids of the jobs failed
     */
    public List<String> failLost(String thisHost, Instant cutoff) {
        Instant now = Instant.now();
        String lock = database.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        record Lost(String id, String host, VersionRef version, Instant heartbeat) {}
        List<Lost> lost = database.write("failing the jobs of lost hosts", c -> {
            List<Lost> found = Rows.list(c, "SELECT id, host_id, model_name, version, updated_at FROM jobs"
                    + " WHERE host_id <> ? AND state IN ('QUEUED', 'RUNNING') AND updated_at < ? ORDER BY id" + lock,
                    rs -> new Lost(rs.getString("id"), rs.getString("host_id"),
                            new VersionRef(rs.getString("model_name"), rs.getInt("version")), Rows.instant(rs, "updated_at")),
                    thisHost, cutoff);
            for (Lost job : found) {
                String error = "host '" + job.host() + "' lost: no heartbeat since " + job.heartbeat();
                Rows.update(c, "UPDATE jobs SET state = 'FAILED', error = ?, finished_at = ?, updated_at = ?"
                        + " WHERE id = ? AND state IN ('QUEUED', 'RUNNING')", error, now, now, job.id());
                Rows.update(c, "UPDATE model_versions SET state = 'FAILED', error = ?, finished_at = ?"
                        + " WHERE model_name = ? AND version = ? AND state IN ('QUEUED', 'TRAINING')",
                        error, now, job.version().model(), job.version().version());
            }
            return found;
        });
        for (Lost job : lost) {
            artifacts.delete(job.version().model(), job.version().version());
        }
        return lost.stream().map(Lost::id).toList();
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
