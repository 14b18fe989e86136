package org.baihua.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database whose promotes happened before the history existed (V4_16) is seeded from its production stack by
 * V4_16_1, so "which version was production at T" has an answer there; a promote the history already holds is not
 * seeded again.
 */
abstract class HistoryMigrationContract {

    private static final long T1 = Instant.parse("2026-11-01T09:00:00Z").toEpochMilli();
    private static final long T2 = Instant.parse("2026-11-15T09:00:00Z").toEpochMilli();
    private static final long T3 = Instant.parse("2026-12-01T09:00:00Z").toEpochMilli();

    @TempDir
    Path dataDir;

    private Backend backend;
    private Database database;

    abstract Backend newBackend();

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void promotesMadeBeforeTheHistoryAreSeededFromTheProductionStack() throws SQLException, java.io.IOException {
        backend = newBackend();
        RegistryConfig config = backend.config(dataDir);
        if (config.jdbcUrl().startsWith("jdbc:sqlite:")) {
            java.nio.file.Files.createDirectories(Path.of(config.jdbcUrl().substring("jdbc:sqlite:".length())).toAbsolutePath().getParent());
        }
        // the schema as V4_16 left it: v1 and v2 promoted before the history existed, v3 promoted since (recorded)
        Flyway.configure(Database.class.getClassLoader()).dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:db/migration").target("4.16").load().migrate();
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO models (name, domain, task, created_at, created_by, next_version, revision)"
                    + " VALUES ('risk', 'clinic', 'diabetes', " + T1 + ", 'tester', 4, 0)");
            for (int v = 1; v <= 3; v++) {
                s.executeUpdate("INSERT INTO model_versions (model_name, version, state, stage, dataset_id, dataset_hash, lineage,"
                        + " artifact_sha256, created_at) VALUES ('risk', " + v + ", 'READY', '" + (v == 3 ? "PRODUCTION" : "NONE")
                        + "', 'd1', 'h1', '{}', 'sha', " + T1 + ")");
            }
            s.executeUpdate("INSERT INTO production_history (model_name, seq, version, promoted_at) VALUES ('risk', 1, 1, " + T1
                    + "), ('risk', 2, 2, " + T2 + "), ('risk', 3, 3, " + T3 + ")");
            s.executeUpdate("INSERT INTO model_history (id, model, at, seq, caller, kind, version, production_after)"
                    + " VALUES ('h3', 'risk', " + (T3 + 40) + ", 1, 'admin', 'PROMOTED', 3, 3)");
        }

        database = new Database(config);
        RolloutStore store = new RolloutStore(database);

        List<RolloutStore.Change> history = store.history("risk");
        assertThat(history).extracting(RolloutStore.Change::kind, RolloutStore.Change::version, RolloutStore.Change::productionBefore,
                        RolloutStore.Change::productionAfter, RolloutStore.Change::caller)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PROMOTED", 1, null, 1, "migration"),
                        org.assertj.core.groups.Tuple.tuple("PROMOTED", 2, 1, 2, "migration"),
                        org.assertj.core.groups.Tuple.tuple("PROMOTED", 3, null, 3, "admin"));
        assertThat(history.get(0).at().toEpochMilli()).isEqualTo(T1);
        assertThat(store.productionAt("risk", Instant.ofEpochMilli(T1 - 1))).isEmpty();
        assertThat(store.productionAt("risk", Instant.ofEpochMilli(T1 + 1000))).contains(1);
        assertThat(store.productionAt("risk", Instant.ofEpochMilli(T2 + 1000))).contains(2);
        assertThat(store.productionAt("risk", Instant.ofEpochMilli(T3 + 1000))).contains(3);
    }
}
