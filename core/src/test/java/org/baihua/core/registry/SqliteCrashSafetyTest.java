package org.baihua.core.registry;

class SqliteCrashSafetyTest extends CrashSafetyContract {
    @Override
    Backend newBackend() {
        return new SqliteBackend();
    }
}
