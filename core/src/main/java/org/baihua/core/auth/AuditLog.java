package org.baihua.core.auth;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.baihua.core.registry.Database;

/** The audit log of mutating API calls, kept in the registry's database. */
public final class AuditLog {

    /**
     * One audited call.
     *
     * @param at when it finished
     * @param caller the key's name
     * @param role the key's role
     * @param method HTTP method
     * @param path request path
     * @param status response status
     * @param detail the error detail for a failed call, else null
     */
    public record Entry(Instant at, String caller, String role, String method, String path, int status, String detail) {}

    private final Database database;

    @Inject
    public AuditLog(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** Records one call. */
    public void record(Entry entry) {
        database.write("record audit entry", c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO audit_log (id, at, caller, role, method, path, status, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setLong(2, entry.at().toEpochMilli());
                insert.setString(3, entry.caller());
                insert.setString(4, entry.role());
                insert.setString(5, entry.method());
                insert.setString(6, entry.path());
                insert.setInt(7, entry.status());
                insert.setString(8, entry.detail());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The newest entries first. */
    public List<Entry> recent(int limit) {
        return database.read("read audit log", c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT at, caller, role, method, path, status, detail FROM audit_log ORDER BY at DESC, id LIMIT ?")) {
                query.setInt(1, limit);
                try (ResultSet rows = query.executeQuery()) {
                    List<Entry> entries = new ArrayList<>();
                    while (rows.next()) {
                        entries.add(new Entry(Instant.ofEpochMilli(rows.getLong(1)), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getInt(6), rows.getString(7)));
                    }
                    return entries;
                }
            }
        });
    }
}
