package org.baihua.core.registry;

class PostgresJobStoreTest extends JobStoreContract {
    @Override
    Backend newBackend() {
        return new PostgresBackend();
    }
}
