package org.baihua.core.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.baihua.core.config.ConfigException;
import org.baihua.core.config.ConfigKey;

/**
 * Where the registry keeps its database.
 *
 * @param jdbcUrl {@code jdbc:sqlite:<file>} (the embedded default) or {@code jdbc:postgresql://host/db}
 * @param user database user, or null (SQLite needs none)
 * @param password database password, or null
 * @param poolSize connections in the pool, 1 to 64
 */
public record RegistryConfig(String jdbcUrl, String user, String password, int poolSize) {

    /** Pool size of the embedded database: SQLite has one writer, so a few readers are all that helps. */
    public static final int EMBEDDED_POOL_SIZE = 4;

    /** The database; absent means SQLite in the data directory. */
    public static final ConfigKey<String> JDBC_URL = ConfigKey.text("registry.jdbc.url", null);
    public static final ConfigKey<String> USER = ConfigKey.text("registry.user", null);
    public static final ConfigKey<String> PASSWORD = ConfigKey.text("registry.password", null);
    /** Absent: 4 for SQLite, 10 for PostgreSQL. */
    public static final ConfigKey<Integer> POOL_SIZE = ConfigKey.optionalInteger("registry.pool.size", 1, 64);
    /** This record's keys. */
    public static final List<ConfigKey<?>> KEYS = List.of(JDBC_URL, USER, PASSWORD, POOL_SIZE);

    public RegistryConfig {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new ConfigException("registry.jdbc.url", "registry.jdbc.url is blank");
        }
        if (Dialect.of(jdbcUrl) == null) {
            throw new ConfigException("registry.jdbc.url", "registry.jdbc.url '" + jdbcUrl
                    + "' names an unsupported database: use jdbc:sqlite:<file> or jdbc:postgresql://<host>/<db>");
        }
        if (poolSize < 1 || poolSize > 64) {
            throw new ConfigException("registry.pool.size",
                    "registry.pool.size must be in [1, 64], was " + poolSize);
        }
    }

    /** The embedded default: SQLite at {@code <dataDir>/registry.db}. */
    public static RegistryConfig embedded(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir is null");
        return new RegistryConfig("jdbc:sqlite:" + dataDir.toAbsolutePath().resolve("registry.db"),
                null, null, EMBEDDED_POOL_SIZE);
    }

    /** Reads {@code registry.*}; with no JDBC URL, the embedded SQLite database in {@code dataDir}. */
    public static RegistryConfig from(org.baihua.core.config.Settings settings, Path dataDir) {
        String url = settings.get(JDBC_URL);
        Integer pool = settings.get(POOL_SIZE); // read, and so checked, for the embedded database too
        if (url == null) {
            RegistryConfig embedded = embedded(dataDir);
            return pool == null ? embedded : new RegistryConfig(embedded.jdbcUrl(), null, null, pool);
        }
        return new RegistryConfig(url, settings.get(USER), settings.get(PASSWORD),
                pool != null ? pool : Dialect.of(url) == Dialect.SQLITE ? EMBEDDED_POOL_SIZE : 10);
    }

    /** The database this configuration names. */
    public Dialect dialect() {
        return Dialect.of(jdbcUrl);
    }

    /** Never prints the password: configurations end up in logs. */
    @Override
    public String toString() {
        return "RegistryConfig[jdbcUrl=" + jdbcUrl + ", user=" + user
                + ", password=" + (password == null ? "null" : "***") + ", poolSize=" + poolSize + "]";
    }
}
