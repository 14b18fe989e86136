package org.baihua.core.registry;

class PostgresModelRegistryTest extends ModelRegistryContract {
    @Override
    Backend newBackend() {
        return new PostgresBackend();
    }
}
