package org.baihua.core.registry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL server named by {@code BAIHUA_TEST_PG_URL} (with {@code BAIHUA_TEST_PG_USER}
 * and {@code BAIHUA_TEST_PG_PASSWORD}); each test gets its own schema, dropped afterwards. Without
 * the variable, tests using it are skipped. {@code .ci/postgres.sh} starts such a server.
 */
final class PostgresBackend implements Backend {
    private final String url = System.getenv("BAIHUA_TEST_PG_URL");
    private final String user = System.getenv("BAIHUA_TEST_PG_USER");
    private final String password = System.getenv("BAIHUA_TEST_PG_PASSWORD");
    private final String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private boolean created;

    PostgresBackend() {
        assumeTrue(url != null && !url.isBlank(),
                "BAIHUA_TEST_PG_URL is not set: PostgreSQL tests skipped (see .ci/postgres.sh)");
    }

    @Override
    public RegistryConfig config(Path dataDir) {
        if (!created) {
            execute("CREATE SCHEMA " + schema);
            created = true;
        }
        String separator = url.contains("?") ? "&" : "?";
        return new RegistryConfig(url + separator + "currentSchema=" + schema, user, password, 4);
    }

    @Override
    public void close() {
        if (created) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }
}
