package org.baihua.core.registry;

class PostgresRegistryConcurrencyTest extends RegistryConcurrencyContract {
    @Override
    Backend newBackend() {
        return new PostgresBackend();
    }
}
