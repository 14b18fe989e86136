package org.baihua.core.registry;

class SqliteDatasetStoreTest extends DatasetStoreContract {
    @Override
    Backend newBackend() {
        return new SqliteBackend();
    }
}
