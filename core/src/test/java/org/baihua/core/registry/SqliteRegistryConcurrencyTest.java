package org.baihua.core.registry;

class SqliteRegistryConcurrencyTest extends RegistryConcurrencyContract {
    @Override
    Backend newBackend() {
        return new SqliteBackend();
    }
}
