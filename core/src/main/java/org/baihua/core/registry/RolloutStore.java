package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A model's routing (traffic split and shadow, as JSON) and its history: every change of what
 * serves the model, append-only, so "which version was production at time T" has an answer.
 */
public final class RolloutStore {

    /**
     * One change.
     *
     * @param at when
     * @param caller who (API key name, or {@code registry} when not known, {@code migration} for rows seeded from the
     *     production records of a database older than the history)
     * @param kind PROMOTED, ROLLBACK, ARCHIVED, DELETED, TRAFFIC, RETRAINED, or for a plugin version the model pins
     *     PLUGIN_INSTALLED, PLUGIN_REMOVED, PLUGIN_FORCE_REMOVED, PLUGIN_ENABLED, PLUGIN_DISABLED
     * @param version the version concerned (RETRAINED: the new version), or null
     * @param productionBefore the production version before the change, for PROMOTED and ROLLBACK (null: none)
     * @param productionAfter the production version after the change, when it changed it
     * @param routingBefore the routing before (JSON), for TRAFFIC
     * @param routingAfter the routing after (JSON), for TRAFFIC
     * @param fromVersion RETRAINED: the version whose data set and settings were repeated
     * @param plugin the plugin concerned, {@code id@version} (or {@code id} for all its versions), for plugin rows and RETRAINED
     * @param pluginBefore plugin rows: the version's state before (null: not installed); RETRAINED: the plugin version
     *     of {@code fromVersion}
     * @param pluginAfter plugin rows: the state after (null: removed); RETRAINED: the plugin version the new version trains on
     */
    public record Change(Instant at, String caller, String kind, Integer version, Integer productionBefore, Integer productionAfter,
                         String routingBefore, String routingAfter, Integer fromVersion, String plugin, String pluginBefore,
                         String pluginAfter) {

        /** A change of what serves the model: promote, rollback, archive, delete. */
        public static Change stage(Instant at, String caller, String kind, int version, Integer productionBefore,
                                   Integer productionAfter) {
            return new Change(at, caller, kind, version, productionBefore, productionAfter, null, null, null, null, null, null);
        }
    }

    /** Orders changes within one millisecond, across every store of this JVM (several hosts in one test JVM share nothing else). */
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());

    private final Database database;

    @Inject
    public RolloutStore(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** The routing JSON of a model, if it has one. */
    public Optional<String> routing(String model) {
        return database.read("reading the routing of model '" + model + "'", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT config FROM model_routing WHERE model = ?")) {
                q.setString(1, model);
                try (ResultSet rows = q.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Every model's routing JSON. */
    public List<String[]> routings() {
        return database.read("reading routings", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT model, config FROM model_routing ORDER BY model");
                 ResultSet rows = q.executeQuery()) {
                List<String[]> all = new ArrayList<>();
                while (rows.next()) {
                    all.add(new String[] {rows.getString(1), rows.getString(2)});
                }
                return all;
            }
        });
    }

    /** Sets (config non-null) or clears a model's routing and records the change, in one transaction. */
    public void setRouting(String model, String before, String config, String caller) {
        database.write("setting the routing of model '" + model + "'", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM model_routing WHERE model = ?")) {
                delete.setString(1, model);
                delete.executeUpdate();
            }
            if (config != null) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO model_routing (model, config, updated_at, updated_by) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, model);
                    insert.setString(2, config);
                    insert.setLong(3, System.currentTimeMillis());
                    insert.setString(4, caller);
                    insert.executeUpdate();
                }
            }
            insert(c, model, new Change(Instant.now(), caller, "TRAFFIC", null, null, null, before, config, null, null, null, null));
            return null;
        });
    }

    /** Appends one change. */
    public void record(String model, Change change) {
        database.write("recording a change of model '" + model + "'", c -> {
            insert(c, model, change);
            return null;
        });
    }

    /** A model's changes, oldest first. */
    public List<Change> history(String model) {
        return database.read("reading the history of model '" + model + "'", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT at, caller, kind, version, production_before, production_after, "
                    + "routing_before, routing_after, from_version, plugin, plugin_before, plugin_after FROM model_history WHERE model = ? ORDER BY at, seq")) {
                q.setString(1, model);
                try (ResultSet rows = q.executeQuery()) {
                    List<Change> all = new ArrayList<>();
                    while (rows.next()) {
                        all.add(new Change(Instant.ofEpochMilli(rows.getLong(1)), rows.getString(2), rows.getString(3),
                                integer(rows, 4), integer(rows, 5), integer(rows, 6), rows.getString(7), rows.getString(8),
                                integer(rows, 9), rows.getString(10), rows.getString(11), rows.getString(12)));
                    }
                    return all;
                }
            }
        });
    }

    /** Appends one change to each model in {@code models}, in one transaction. */
    public void record(java.util.Collection<String> models, Change change) {
        if (models.isEmpty()) {
            return;
        }
        database.write("recording a change of models " + models, c -> {
            for (String model : models) {
                insert(c, model, change);
            }
            return null;
        });
    }

    /** Appends one change within the caller's transaction (a promote records itself with the move it makes). */
    static void insert(java.sql.Connection c, String model, Change change) throws java.sql.SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO model_history (id, model, at, seq, caller, kind, version, "
                + "production_before, production_after, routing_before, routing_after, from_version, plugin, plugin_before, "
                + "plugin_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, model);
            insert.setLong(3, change.at().toEpochMilli());
            insert.setLong(4, SEQUENCE.incrementAndGet());
            insert.setString(5, change.caller());
            insert.setString(6, change.kind());
            setInt(insert, 7, change.version());
            setInt(insert, 8, change.productionBefore());
            setInt(insert, 9, change.productionAfter());
            insert.setString(10, change.routingBefore());
            insert.setString(11, change.routingAfter());
            setInt(insert, 12, change.fromVersion());
            insert.setString(13, change.plugin());
            insert.setString(14, change.pluginBefore());
            insert.setString(15, change.pluginAfter());
            insert.executeUpdate();
        }
    }

    /** Which version was production at {@code at}, from the model's history; empty before the first promote. */
    public Optional<Integer> productionAt(String model, Instant at) {
        Integer production = null;
        for (Change change : history(model)) {
            if (change.at().isAfter(at)) {
                break;
            }
            if (change.productionAfter() != null) {
                production = change.productionAfter();
            }
        }
        return Optional.ofNullable(production);
    }

    private static Integer integer(ResultSet rows, int index) throws java.sql.SQLException {
        int value = rows.getInt(index);
        return rows.wasNull() ? null : value;
    }

    private static void setInt(PreparedStatement statement, int index, Integer value) throws java.sql.SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
