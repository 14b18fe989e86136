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
     * @param caller who (API key name, or {@code registry} when not known)
     * @param kind PROMOTED, ARCHIVED, DELETED, TRAFFIC
     * @param version the version concerned, or null
     * @param productionAfter the production version after the change, when it changed it
     * @param routingBefore the routing before (JSON), for TRAFFIC
     * @param routingAfter the routing after (JSON), for TRAFFIC
     */
    public record Change(Instant at, String caller, String kind, Integer version, Integer productionAfter, String routingBefore,
                         String routingAfter) {}

    private final Database database;
    /** Orders changes within one millisecond. */
    private final AtomicLong sequence = new AtomicLong(System.nanoTime());

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
            insert(c, model, new Change(Instant.now(), caller, "TRAFFIC", null, null, before, config));
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
            try (PreparedStatement q = c.prepareStatement("SELECT at, caller, kind, version, production_after, routing_before, "
                    + "routing_after FROM model_history WHERE model = ? ORDER BY at, seq")) {
                q.setString(1, model);
                try (ResultSet rows = q.executeQuery()) {
                    List<Change> all = new ArrayList<>();
                    while (rows.next()) {
                        all.add(new Change(Instant.ofEpochMilli(rows.getLong(1)), rows.getString(2), rows.getString(3),
                                integer(rows, 4), integer(rows, 5),
                                rows.getString(6), rows.getString(7)));
                    }
                    return all;
                }
            }
        });
    }

    private void insert(java.sql.Connection c, String model, Change change) throws java.sql.SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO model_history (id, model, at, seq, caller, kind, version, "
                + "production_after, routing_before, routing_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, model);
            insert.setLong(3, change.at().toEpochMilli());
            insert.setLong(4, sequence.incrementAndGet());
            insert.setString(5, change.caller());
            insert.setString(6, change.kind());
            setInt(insert, 7, change.version());
            setInt(insert, 8, change.productionAfter());
            insert.setString(9, change.routingBefore());
            insert.setString(10, change.routingAfter());
            insert.executeUpdate();
        }
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
