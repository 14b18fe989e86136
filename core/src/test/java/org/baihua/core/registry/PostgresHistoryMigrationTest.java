package org.baihua.core.registry;

class PostgresHistoryMigrationTest extends HistoryMigrationContract {
    @Override
    Backend newBackend() {
        return new PostgresBackend();
    }
}
