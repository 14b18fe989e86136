package org.baihua.core.registry;

import java.nio.file.Path;

/** The embedded default: a SQLite file in the test's data directory, removed with it. */
final class SqliteBackend implements Backend {

    @Override
    public RegistryConfig config(Path dataDir) {
        return RegistryConfig.embedded(dataDir);
    }

    @Override
    public void close() {}
}
