package org.baihua.core.registry;

import java.nio.file.Path;
import java.util.Objects;
import org.baihua.core.InvalidRequestException;

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

    public RegistryConfig {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new InvalidRequestException("registry.jdbc.url", "registry.jdbc.url is blank");
        }
        if (Dialect.of(jdbcUrl) == null) {
            throw new InvalidRequestException("registry.jdbc.url", "registry.jdbc.url '" + jdbcUrl
                    + "' names an unsupported database: use jdbc:sqlite:<file> or jdbc:postgresql://<host>/<db>");
        }
        if (poolSize < 1 || poolSize > 64) {
            throw new InvalidRequestException("registry.pool.size",
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
        String url = settings.get(org.baihua.core.config.ConfigKeys.REGISTRY_JDBC_URL, null);
        if (url == null) {
            return embedded(dataDir);
        }
        int defaultPool = Dialect.of(url) == Dialect.SQLITE ? EMBEDDED_POOL_SIZE : 10;
        return new RegistryConfig(url, settings.get(org.baihua.core.config.ConfigKeys.REGISTRY_USER, null),
                settings.get(org.baihua.core.config.ConfigKeys.REGISTRY_PASSWORD, null),
                settings.integer(org.baihua.core.config.ConfigKeys.REGISTRY_POOL_SIZE, defaultPool, 1, 64));
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
