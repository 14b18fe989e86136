package org.baihua.core.registry;

class PostgresCrashSafetyTest extends CrashSafetyContract {
    @Override
    Backend newBackend() {
        return new PostgresBackend();
    }
}
