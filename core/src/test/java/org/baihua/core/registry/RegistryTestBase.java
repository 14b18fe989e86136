package org.baihua.core.registry;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Opens the registry on a fresh database of the subclass's backend for each test. */
abstract class RegistryTestBase {
    @TempDir
    Path dataDir;

    Backend backend;
    RegistryConfig config;
    Stores stores;

    /** The database to test against. */
    abstract Backend newBackend();

    @BeforeEach
    void openStores() {
        backend = newBackend();
        config = backend.config(dataDir);
        stores = new Stores(dataDir, config);
    }

    @AfterEach
    void closeStores() {
        if (stores != null) {
            stores.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** Closes and opens everything again, as a host restart does. */
    Stores reopen() {
        stores.close();
        stores = new Stores(dataDir, config);
        return stores;
    }
}
