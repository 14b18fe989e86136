package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.baihua.core.BaihuaException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The registry's database: a connection pool on SQLite or PostgreSQL, migrated to the current schema
 * when opened. All access goes through {@link #read} (auto-commit) and {@link #write} (one
 * transaction), which turn {@link SQLException}s into {@link BaihuaException}s naming the operation.
 */
public final class Database implements AutoCloseable {

    /** How long SQLite waits for another process's write lock before failing. */
    private static final int SQLITE_BUSY_TIMEOUT_MILLIS = 30_000;

    private final Dialect dialect;
    private final RegistryConfig config;
    private final HikariDataSource pool;
    // SQLite has a single writer: queueing writers here is cheaper than letting them spin on SQLITE_BUSY.
    private final ReentrantLock sqliteWriteLock = new ReentrantLock(true);
    private final ThreadLocal<Boolean> inWrite = ThreadLocal.withInitial(() -> false);

    /**
     * Opens the pool and applies any pending schema migration.
     *
     * @throws BaihuaException when the database cannot be reached or migrated
     */
    public Database(RegistryConfig config) {
        requireNonNull(config, "config is null");
        this.dialect = config.dialect();
        this.config = config;
        this.pool = new HikariDataSource(hikariConfig(config));
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new BaihuaException(BaihuaException.Kind.INTERNAL,
                    "Cannot migrate the registry database at " + config.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    private static HikariConfig hikariConfig(RegistryConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("baihua-registry");
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(1);
        if (config.dialect() == Dialect.SQLITE) {
            createParentDirectory(config.jdbcUrl());
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: a commit survives power loss too, not only a killed process.
            sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            sqlite.enforceForeignKeys(true);
            sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
            // BEGIN IMMEDIATE: a writer takes the lock up front instead of failing on upgrade.
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
            dataSource.setUrl(config.jdbcUrl());
            hikari.setDataSource(dataSource);
        } else {
            hikari.setJdbcUrl(config.jdbcUrl());
            hikari.setUsername(config.user());
            hikari.setPassword(config.password());
        }
        hikari.setInitializationFailTimeout(-1);
        return hikari;
    }

    private static void createParentDirectory(String jdbcUrl) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new BaihuaException(BaihuaException.Kind.INTERNAL,
                    "Cannot create the registry directory " + parent + ": " + e.getMessage(), e);
        }
    }

    /** The database behind this pool. */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * Runs read-only work on a pooled connection in auto-commit mode.
     *
     * @param what the operation, for error messages, for example {@code listing models}
     */
    public <T> T read(String what, SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * Runs work in one transaction: committed when it returns, rolled back when it throws. Writes
     * do not nest: a write started inside another on the same thread is refused.
     *
     * @param what the operation, for error messages, for example {@code promoting version 3 of model 'fraud'}
     */
    public <T> T write(String what, SqlWork<T> work) {
        if (inWrite.get()) {
            throw new IllegalStateException("nested write transaction while " + what);
        }
        boolean locked = dialect == Dialect.SQLITE;
        if (locked) {
            sqliteWriteLock.lock();
        }
        inWrite.set(true);
        try (Connection connection = pool.getConnection()) {
            return inTransaction(connection, work);
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            inWrite.set(false);
            if (locked) {
                sqliteWriteLock.unlock();
            }
        }
    }

    private static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static BaihuaException failure(String what, SQLException e) {
        return new BaihuaException(BaihuaException.Kind.INTERNAL,
                "Database error while " + what + ": " + e.getMessage(), e);
    }

    /**
     * A new connection outside the pool, for a session that lives long and keeps state (PostgreSQL's
     * {@code LISTEN}); the caller closes it.
     */
    public Connection openUnpooled() throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            throw new IllegalStateException("unpooled connections are for PostgreSQL sessions");
        }
        java.util.Properties properties = new java.util.Properties();
        if (config.user() != null) {
            properties.setProperty("user", config.user());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        return java.sql.DriverManager.getConnection(config.jdbcUrl(), properties);
    }

    /** Closes the pool; work in progress on other threads fails. */
    @Override
    public void close() {
        pool.close();
    }
}
