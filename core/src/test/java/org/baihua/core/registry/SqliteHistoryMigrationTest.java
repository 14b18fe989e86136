package org.baihua.core.registry;

class SqliteHistoryMigrationTest extends HistoryMigrationContract {
    @Override
    Backend newBackend() {
        return new SqliteBackend();
    }
}
