package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.baihua.core.ConflictException;
import org.baihua.core.NotFoundException;

/** SQL on the models and model_versions tables, shared by the registry and the job store. */
final class VersionRows {
    private static final String VERSION_COLUMNS = "model_name, version, state, stage, lineage, metrics, timings,"
            + " artifact_sha256, error, created_at, started_at, finished_at";
    private static final String MODEL_QUERY = "SELECT m.name, m.domain, m.task, m.created_at, m.created_by,"
            + " m.next_version, p.version AS production FROM models m"
            + " LEFT JOIN model_versions p ON p.model_name = m.name AND p.stage = 'PRODUCTION'";

    private final JsonColumns json;

    VersionRows(JsonColumns json) {
        this.json = requireNonNull(json, "json is null");
    }

    /**
     * Inserts the next QUEUED version of model {@code name}, creating the model on its first version.
     *
     * @throws ConflictException if the model exists for another domain or task
     */
    ModelVersion create(Connection c, String name, String domain, String task, Lineage lineage, Instant now)
            throws SQLException {
        Names.requireId(name, "model");
        Names.requireId(domain, "domain");
        Names.requireId(task, "task");
        requireNonNull(lineage, "lineage is null");
        Rows.update(c, "INSERT INTO models (name, domain, task, created_at, created_by, next_version, revision)"
                + " VALUES (?, ?, ?, ?, ?, 1, 0) ON CONFLICT (name) DO NOTHING",
                name, domain, task, now, lineage.createdBy());
        lockModel(c, name);
        Model model = model(c, name);
        if (!model.domain().equals(domain) || !model.task().equals(task)) {
            throw new ConflictException("Model '" + name + "' belongs to domain '" + model.domain()
                    + "' task '" + model.task() + "', not to domain '" + domain + "' task '" + task + "'");
        }
        int version = model.latestVersion() + 1;
        Rows.update(c, "UPDATE models SET next_version = ? WHERE name = ?", version + 1, name);
        Rows.update(c, "INSERT INTO model_versions (model_name, version, state, stage, dataset_id, dataset_hash,"
                + " lineage, created_at) VALUES (?, ?, 'QUEUED', 'NONE', ?, ?, ?, ?)",
                name, version, lineage.datasetId(), lineage.datasetHash(), json.write(lineage), now);
        return get(c, name, version);
    }

    Optional<Model> findModel(Connection c, String name) throws SQLException {
        return Rows.first(c, MODEL_QUERY + " WHERE m.name = ?", VersionRows::model, name);
    }

    Model model(Connection c, String name) throws SQLException {
        Optional<Model> found = findModel(c, name);
        if (found.isEmpty()) {
            throw notFound(c, name);
        }
        return found.get();
    }

    /** "Model 'x' not found", with the closest model name when one is close: a mistyped name is the usual cause. */
    NotFoundException notFound(Connection c, String name) throws SQLException {
        List<String> names = Rows.list(c, "SELECT name FROM models", rs -> rs.getString(1));
        return new NotFoundException("Model '" + name + "' not found"
                + org.baihua.core.config.Suggestions.closest(name, names).map(n -> "; did you mean '" + n + "'?").orElse(""));
    }

    List<Model> models(Connection c) throws SQLException {
        return Rows.list(c, MODEL_QUERY + " ORDER BY m.name", VersionRows::model);
    }

    /**
     * Takes the model's write lock for the rest of the transaction: a row lock on PostgreSQL, the
     * database's single write lock on SQLite (already held under BEGIN IMMEDIATE).
     *
     * @throws NotFoundException if there is no such model
     */
    void lockModel(Connection c, String name) throws SQLException {
        if (Rows.update(c, "UPDATE models SET revision = revision + 1 WHERE name = ?", name) == 0) {
            throw notFound(c, name);
        }
    }

    Optional<ModelVersion> find(Connection c, String model, int version) throws SQLException {
        return Rows.first(c, "SELECT " + VERSION_COLUMNS + " FROM model_versions WHERE model_name = ? AND version = ?",
                this::version, model, version);
    }

    ModelVersion get(Connection c, String model, int version) throws SQLException {
        Optional<ModelVersion> found = find(c, model, version);
        if (found.isPresent()) {
            return found.get();
        }
        if (findModel(c, model).isEmpty()) {
            throw notFound(c, model);
        }
        throw new NotFoundException("Model '" + model + "' has no version " + version);
    }

    List<ModelVersion> list(Connection c, String model) throws SQLException {
        return Rows.list(c, "SELECT " + VERSION_COLUMNS + " FROM model_versions WHERE model_name = ? ORDER BY version",
                this::version, model);
    }

    Optional<ModelVersion> production(Connection c, String model) throws SQLException {
        return Rows.first(c, "SELECT " + VERSION_COLUMNS + " FROM model_versions"
                + " WHERE model_name = ? AND stage = 'PRODUCTION'", this::version, model);
    }

    /** Versions still queued or training. */
    List<ModelVersion> active(Connection c) throws SQLException {
        return Rows.list(c, "SELECT " + VERSION_COLUMNS + " FROM model_versions"
                + " WHERE state IN ('QUEUED', 'TRAINING') ORDER BY model_name, version", this::version);
    }

    /** Refuses a move the version's state does not allow, naming the version. */
    static void requireMove(ModelVersion current, VersionState target) {
        if (!current.state().canMoveTo(target)) {
            throw new ConflictException(current.label() + " is " + current.state() + " and cannot become " + target);
        }
    }

    /** Moves a queued version to TRAINING. */
    void startTraining(Connection c, VersionRef ref, Instant now) throws SQLException {
        Rows.update(c, "UPDATE model_versions SET state = 'TRAINING', started_at = ? WHERE model_name = ? AND version = ?",
                now, ref.model(), ref.version());
    }

    /** Moves a training version to READY with what training produced and the checksum of its stored artifact. */
    void markReady(Connection c, VersionRef ref, TrainingResult result, String artifactSha256, Instant now)
            throws SQLException {
        Rows.update(c, "UPDATE model_versions SET state = 'READY', metrics = ?, timings = ?, artifact_sha256 = ?,"
                + " finished_at = ? WHERE model_name = ? AND version = ?", json.write(result.metrics()),
                json.write(result.timings()), artifactSha256, now, ref.model(), ref.version());
    }

    /** Moves a queued or training version to FAILED or CANCELLED. */
    void finishUnsuccessfully(Connection c, VersionRef ref, VersionState state, String error, Instant now)
            throws SQLException {
        Rows.update(c, "UPDATE model_versions SET state = ?, error = ?, finished_at = ?"
                + " WHERE model_name = ? AND version = ?", state, error, now, ref.model(), ref.version());
    }

    private static Model model(ResultSet rs) throws SQLException {
        return new Model(rs.getString("name"), rs.getString("domain"), rs.getString("task"),
                Rows.instant(rs, "created_at"), rs.getString("created_by"),
                Rows.integer(rs, "production"), rs.getInt("next_version") - 1);
    }

    private ModelVersion version(ResultSet rs) throws SQLException {
        String what = "model '" + rs.getString("model_name") + "' version " + rs.getInt("version");
        return new ModelVersion(
                rs.getString("model_name"),
                rs.getInt("version"),
                VersionState.valueOf(rs.getString("state")),
                Stage.valueOf(rs.getString("stage")),
                json.read(rs.getString("lineage"), Lineage.class, "the lineage of " + what),
                json.readObjectMap(rs.getString("metrics"), "the metrics of " + what),
                json.readLongMap(rs.getString("timings"), "the timings of " + what),
                rs.getString("artifact_sha256"),
                rs.getString("error"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "started_at"),
                Rows.instant(rs, "finished_at"));
    }
}
