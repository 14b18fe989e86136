package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.baihua.core.ConflictException;

/**
 * Promote, rollback, archive and delete. Each runs in one transaction that first locks the model
 * row, so concurrent moves on one model run one after the other; a partial unique index backs the
 * rule of one production version per model in the database itself.
 */
final class StageTransitions {

    private final Database database;
    private final ArtifactStore artifacts;
    private final VersionRows rows;

    StageTransitions(Database database, ArtifactStore artifacts, VersionRows rows) {
        this.database = requireNonNull(database, "database is null");
        this.artifacts = requireNonNull(artifacts, "artifacts is null");
        this.rows = requireNonNull(rows, "rows is null");
    }

    /**
     * Promotes; the history row (with the production version before and after) is written in the same transaction, so
     * a committed promote is always in the history and a failed one never is, and its time is the promote's own.
     */
    ModelVersion promote(String name, int version, String caller) {
        Names.requireId(name, "model");
        Names.requireVersion(version);
        ModelVersion candidate = database.read("reading model '" + name + "' version " + version,
                c -> rows.get(c, name, version));
        requirePromotable(candidate);
        // Never promote what could not be served: check the files before taking the lock.
        artifacts.read(name, version, candidate.artifactSha256());
        Instant now = Instant.now();
        return database.write("promoting model '" + name + "' version " + version, c -> {
            rows.lockModel(c, name);
            requirePromotable(rows.get(c, name, version));
            Integer before = rows.production(c, name).map(ModelVersion::version).orElse(null);
            setStage(c, name, version, Stage.PRODUCTION);
            RolloutStore.insert(c, name, RolloutStore.Change.stage(now, caller, "PROMOTED", version, before, version));
            long seq = Rows.first(c, "SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM production_history"
                    + " WHERE model_name = ?", rs -> rs.getLong("next"), name).orElseThrow();
            Rows.update(c, "INSERT INTO production_history (model_name, seq, version, promoted_at)"
                    + " VALUES (?, ?, ?, ?)", name, seq, version, now);
            return rows.get(c, name, version);
        });
    }

    private static void requirePromotable(ModelVersion version) {
        if (version.state() != VersionState.READY) {
            throw new ConflictException(version.label() + " is " + version.state()
                    + ": only a READY version can be promoted");
        }
        if (version.stage() == Stage.PRODUCTION) {
            throw new ConflictException(version.label() + " is already in production");
        }
    }

    private record HistoryEntry(long seq, int version) {}

    /** Rolls back; recorded as ROLLBACK in the history in the same transaction, as a promote is. */
    ModelVersion rollback(String name, String caller) {
        Names.requireId(name, "model");
        Instant now = Instant.now();
        return database.write("rolling back model '" + name + "'", c -> {
            rows.lockModel(c, name);
            ModelVersion current = rows.production(c, name).orElseThrow(() -> new ConflictException(
                    "Model '" + name + "' has no production version to roll back from"));
            List<HistoryEntry> history = Rows.list(c, "SELECT seq, version FROM production_history"
                    + " WHERE model_name = ? ORDER BY seq DESC",
                    rs -> new HistoryEntry(rs.getLong("seq"), rs.getInt("version")), name);
            for (HistoryEntry entry : history) {
                if (entry.version() != current.version()) {
                    ModelVersion previous = rows.get(c, name, entry.version());
                    if (previous.state() == VersionState.READY && previous.stage() == Stage.NONE) {
                        setStage(c, name, previous.version(), Stage.PRODUCTION);
                        RolloutStore.insert(c, name, RolloutStore.Change.stage(now, caller, "ROLLBACK", previous.version(),
                                current.version(), previous.version()));
                        return rows.get(c, name, previous.version());
                    }
                }
                // Popped: the current version's own promotion, or a version that can no longer serve.
                Rows.update(c, "DELETE FROM production_history WHERE model_name = ? AND seq = ?", name, entry.seq());
            }
            throw new ConflictException("Model '" + name + "' has no previous production version to roll back to"
                    + " (version " + current.version() + " stays in production)");
        });
    }

    /** Makes {@code version} the only one at {@code stage} PRODUCTION, or sets another stage. */
    private static void setStage(Connection c, String name, int version, Stage stage) throws SQLException {
        if (stage == Stage.PRODUCTION) {
            Rows.update(c, "UPDATE model_versions SET stage = 'NONE' WHERE model_name = ? AND stage = 'PRODUCTION'",
                    name);
        }
        Rows.update(c, "UPDATE model_versions SET stage = ? WHERE model_name = ? AND version = ?",
                stage, name, version);
    }

    ModelVersion archive(String name, int version, String caller) {
        Names.requireId(name, "model");
        Names.requireVersion(version);
        Instant now = Instant.now();
        return database.write("archiving model '" + name + "' version " + version, c -> {
            rows.lockModel(c, name);
            ModelVersion current = rows.get(c, name, version);
            if (current.stage() == Stage.PRODUCTION) {
                throw new ConflictException(current.label()
                        + " is in production: promote another version or roll back before archiving it");
            }
            if (current.stage() == Stage.ARCHIVED) {
                throw new ConflictException(current.label() + " is already archived");
            }
            if (current.state() != VersionState.READY) {
                throw new ConflictException(current.label() + " is " + current.state()
                        + ": only a READY version can be archived (delete it instead)");
            }
            setStage(c, name, version, Stage.ARCHIVED);
            RolloutStore.insert(c, name, RolloutStore.Change.stage(now, caller, "ARCHIVED", version, null, null));
            Rows.update(c, "DELETE FROM production_history WHERE model_name = ? AND version = ?", name, version);
            return rows.get(c, name, version);
        });
    }

    void delete(String name, int version, String caller) {
        Names.requireId(name, "model");
        Names.requireVersion(version);
        Instant now = Instant.now();
        database.write("deleting model '" + name + "' version " + version, c -> {
            rows.lockModel(c, name);
            ModelVersion current = rows.get(c, name, version);
            if (current.stage() == Stage.PRODUCTION) {
                throw new ConflictException(current.label()
                        + " is in production and cannot be deleted: promote another version or roll back first");
            }
            if (current.state().isActive()) {
                throw new ConflictException(current.label() + " is " + current.state()
                        + ": cancel its training before deleting it");
            }
            RolloutStore.insert(c, name, RolloutStore.Change.stage(now, caller, "DELETED", version, null, null));
            return Rows.update(c, "DELETE FROM model_versions WHERE model_name = ? AND version = ?", name, version);
        });
        // After the commit: a crash in between leaves an orphan folder, which start-up recovery removes.
        artifacts.delete(name, version);
    }
}
