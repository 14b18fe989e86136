package org.baihua.core.registry;

class SqliteModelRegistryTest extends ModelRegistryContract {
    @Override
    Backend newBackend() {
        return new SqliteBackend();
    }
}
