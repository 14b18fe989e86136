package org.baihua.core.registry;

class SqliteJobStoreTest extends JobStoreContract {
    @Override
    Backend newBackend() {
        return new SqliteBackend();
    }
}
