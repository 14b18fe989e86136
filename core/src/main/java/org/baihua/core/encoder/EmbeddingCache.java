package org.baihua.core.encoder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Embeddings already computed, keyed by encoder id and the SHA-256 of the exact text, in a SQLite
 * database (WAL mode) so that re-training on the same data does not embed it again. SQLite's
 * journal keeps the file consistent through a crash; a file that is nevertheless unreadable is set
 * aside and a new one started, since everything in it can be recomputed. The cache holds at most
 * {@code maxEntries} vectors and evicts the least recently used. Thread-safe.
 */
public final class EmbeddingCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    /** Flyway migrations of the cache's own schema. */
    static final String MIGRATIONS = "classpath:db/embedding-cache";

    private final Path file;
    private final long maxEntries;
    private final Connection connection;
    private long clock;
    private long entries;
    private long hits;
    private long misses;
    private long evictions;

    private EmbeddingCache(Path file, long maxEntries, Connection connection) throws SQLException {
        this.file = file;
        this.maxEntries = maxEntries;
        this.connection = connection;
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(last_used), 0), COUNT(*) FROM embedding")) {
                rs.next();
                clock = rs.getLong(1);
                entries = rs.getLong(2);
            }
        }
    }

    /**
     * Opens (or creates) the cache database.
     *
     * @param maxEntries at least 1
     * @throws IllegalStateException if the database cannot be opened or created
     */
    public static EmbeddingCache open(Path file, long maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1, was " + maxEntries);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                return new EmbeddingCache(file, maxEntries, connect(file));
            } catch (SQLiteException e) {
                if (e.getResultCode() != SQLiteErrorCode.SQLITE_NOTADB && e.getResultCode() != SQLiteErrorCode.SQLITE_CORRUPT) {
                    throw e;
                }
                Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
                LOG.warn("Embedding cache {} is unreadable ({}); moved to {} and starting an empty cache",
                        file, e.getMessage(), aside);
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
                return new EmbeddingCache(file, maxEntries, connect(file));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot open embedding cache " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = NORMAL");
            migrate(file);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * Brings the schema up to date with Flyway. A cache made before Flyway managed it holds the tables of
     * migration 1 without a history: it is baselined at 1. A cache migrated by a newer host (a migration
     * this host does not know) is refused rather than used with a schema it does not understand.
     */
    private static void migrate(Path file) throws SQLException {
        try {
            Flyway.configure(EmbeddingCache.class.getClassLoader())
                    .dataSource("jdbc:sqlite:" + file.toAbsolutePath(), null, null)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .baselineOnMigrate(true)
                    .baselineVersion("1")
                    .ignoreMigrationPatterns(new String[0]) // not even "*:future": a newer schema is refused
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new SQLException("cannot migrate its schema: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the text's UTF-16 code units, so that even texts with unpaired surrogates keep distinct keys. */
    public static TextKey keyOf(String text) {
        ByteBuffer units = ByteBuffer.allocate(text.length() * 2);
        units.asCharBuffer().put(text);
        try {
            return new TextKey(MessageDigest.getInstance("SHA-256").digest(units.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Records which model files stand behind {@code encoderId}; when they changed since the vectors
     * were stored (a directory encoder whose model was replaced), that encoder's vectors are dropped.
     */
    public synchronized void bind(String encoderId, String fingerprint) {
        try {
            String stored = null;
            try (PreparedStatement ps = connection.prepareStatement("SELECT fingerprint FROM encoder WHERE encoder_id = ?")) {
                ps.setString(1, encoderId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        stored = rs.getString(1);
                    }
                }
            }
            if (fingerprint.equals(stored)) {
                return;
            }
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM embedding WHERE encoder_id = ?");
                 PreparedStatement upsert = connection.prepareStatement(
                         "INSERT OR REPLACE INTO encoder (encoder_id, fingerprint) VALUES (?, ?)")) {
                delete.setString(1, encoderId);
                int dropped = delete.executeUpdate();
                upsert.setString(1, encoderId);
                upsert.setString(2, fingerprint);
                upsert.executeUpdate();
                connection.commit();
                entries -= dropped;
                if (dropped > 0) {
                    LOG.warn("Encoder '{}' model files changed: dropped its {} cached vectors", encoderId, dropped);
                }
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("bind encoder '" + encoderId + "'", e);
        }
    }

    /**
     * The cached embeddings of the given texts (null where missing), marking them recently used.
     *
     * @param dimensions the encoder's vector width; a stored vector of another width counts as missing
     */
    public synchronized Embedding[] lookup(String encoderId, List<TextKey> keys, int dimensions) {
        Embedding[] found = new Embedding[keys.size()];
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("SELECT vector, tokens, truncated FROM embedding"
                    + " WHERE encoder_id = ? AND text_sha256 = ?");
                 PreparedStatement touch = connection.prepareStatement("UPDATE embedding SET last_used = ?"
                    + " WHERE encoder_id = ? AND text_sha256 = ?")) {
                long now = ++clock;
                for (int i = 0; i < found.length; i++) {
                    select.setString(1, encoderId);
                    select.setBytes(2, keys.get(i).bytes());
                    try (ResultSet rs = select.executeQuery()) {
                        if (rs.next()) {
                            byte[] blob = rs.getBytes(1);
                            if (blob.length == dimensions * Float.BYTES) {
                                found[i] = new Embedding(decode(blob), rs.getInt(2), rs.getInt(3) != 0);
                            }
                        }
                    }
                    if (found[i] != null) {
                        touch.setLong(1, now);
                        touch.setString(2, encoderId);
                        touch.setBytes(3, keys.get(i).bytes());
                        touch.addBatch();
                        hits++;
                    } else {
                        misses++;
                    }
                }
                touch.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("look up vectors of encoder '" + encoderId + "'", e);
        }
        return found;
    }

    /** Stores computed embeddings (text hash &rarr; embedding), then evicts down to the bound. */
    public synchronized void store(String encoderId, Map<TextKey, Embedding> computed) {
        if (computed.isEmpty()) {
            return;
        }
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO embedding"
                    + " (encoder_id, text_sha256, vector, tokens, truncated, last_used) VALUES (?, ?, ?, ?, ?, ?)")) {
                long now = ++clock;
                for (Map.Entry<TextKey, Embedding> entry : computed.entrySet()) {
                    insert.setString(1, encoderId);
                    insert.setBytes(2, entry.getKey().bytes());
                    insert.setBytes(3, encode(entry.getValue().vector()));
                    insert.setInt(4, entry.getValue().tokens());
                    insert.setInt(5, entry.getValue().truncated() ? 1 : 0);
                    insert.setLong(6, now);
                    insert.addBatch();
                }
                for (int count : insert.executeBatch()) {
                    entries += Math.max(count, 0);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            if (entries > maxEntries) {
                evict();
            }
        } catch (SQLException e) {
            throw failure("store vectors of encoder '" + encoderId + "'", e);
        }
    }

    /** The counters now. */
    public synchronized CacheStats stats() {
        return new CacheStats(hits, misses, entries, evictions);
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    private void evict() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM embedding")) {
            rs.next();
            entries = rs.getLong(1); // another host process may share the file
        }
        if (entries <= maxEntries) {
            return;
        }
        // Evict a little more than needed so that a full cache does not evict on every store.
        long excess = entries - maxEntries + Math.max(1, maxEntries / 20);
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM embedding WHERE rowid IN (SELECT rowid FROM embedding ORDER BY last_used LIMIT ?)")) {
            ps.setLong(1, excess);
            int deleted = ps.executeUpdate();
            entries -= deleted;
            evictions += deleted;
        }
    }

    private IllegalStateException failure(String action, SQLException e) {
        return new IllegalStateException("embedding cache " + file + ": cannot " + action + ": " + e.getMessage(), e);
    }

    private static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    private static float[] decode(byte[] blob) {
        float[] vector = new float[blob.length / Float.BYTES];
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    /** The SHA-256 of a text, usable as a map key. */
    public record TextKey(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof TextKey key && java.util.Arrays.equals(bytes, key.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return java.util.HexFormat.of().formatHex(bytes);
        }
    }
}
