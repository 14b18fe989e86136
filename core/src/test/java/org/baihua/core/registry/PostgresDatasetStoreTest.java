package org.baihua.core.registry;

class PostgresDatasetStoreTest extends DatasetStoreContract {
    @Override
    Backend newBackend() {
        return new PostgresBackend();
    }
}
