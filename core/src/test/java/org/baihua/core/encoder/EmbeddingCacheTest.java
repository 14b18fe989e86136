package org.baihua.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {

    @TempDir
    Path dir;

    @Test
    void storedVectorsAreFoundAfterReopeningTheFile() {
        Path file = dir.resolve("cache/embeddings.db");
        try (EmbeddingCache cache = EmbeddingCache.open(file, 100)) {
            cache.bind("enc", "f1");
            cache.store("enc", Map.of(EmbeddingCache.keyOf("a"), embedding(1, 3, false),
                    EmbeddingCache.keyOf("b"), embedding(2, 300, true)));
        }
        try (EmbeddingCache cache = EmbeddingCache.open(file, 100)) {
            cache.bind("enc", "f1");
            Embedding[] found = cache.lookup("enc", keys("a", "b", "c"), 4);

            assertThat(found[0].vector()).containsExactly(embedding(1, 3, false).vector());
            assertThat(found[1].tokens()).isEqualTo(300);
            assertThat(found[1].truncated()).isTrue();
            assertThat(found[2]).isNull();
            assertThat(cache.stats()).isEqualTo(new CacheStats(2, 1, 2, 0));
        }
    }

    @Test
    void theSchemaComesFromFlywayMigrations() throws Exception {
        Path file = dir.resolve("fresh.db");
        EmbeddingCache.open(file, 10).close();
        assertThat(history(file)).containsExactly("1 V1__embedding_cache.sql true");
    }

    @Test
    void aCacheMadeBeforeFlywayKeepsItsVectorsAndIsBaselined() throws Exception {
        Path file = dir.resolve("old.db");
        // what the hand-versioned schema (PRAGMA user_version 1) left on disk
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE embedding (encoder_id TEXT NOT NULL, text_sha256 BLOB NOT NULL, vector BLOB NOT NULL,"
                    + " tokens INTEGER NOT NULL, truncated INTEGER NOT NULL, last_used INTEGER NOT NULL,"
                    + " PRIMARY KEY (encoder_id, text_sha256))");
            st.execute("CREATE INDEX embedding_last_used ON embedding (last_used)");
            st.execute("CREATE TABLE encoder (encoder_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL)");
            st.execute("PRAGMA user_version = 1");
        }
        try (EmbeddingCache cache = EmbeddingCache.open(file, 10)) {
            cache.bind("enc", "f1");
            cache.store("enc", Map.of(EmbeddingCache.keyOf("kept"), embedding(5, 2, false)));
        }
        try (EmbeddingCache cache = EmbeddingCache.open(file, 10)) {
            assertThat(cache.lookup("enc", keys("kept"), 4)[0].vector()).containsExactly(embedding(5, 2, false).vector());
        }
        assertThat(history(file)).hasSize(1).allSatisfy(row -> assertThat(row).startsWith("1 "));
    }

    @Test
    void aCacheMigratedByANewerHostIsNotUsed() throws Exception {
        Path file = dir.resolve("newer.db");
        EmbeddingCache.open(file, 10).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, execution_time, success) VALUES (2, '2', 'future', 'SQL', 'V2__future.sql', 0, 'x', 0, 1)");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddingCache.open(file, 10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot open embedding cache");
    }

    private static List<String> history(Path file) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, script, success FROM flyway_schema_history ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + (rs.getInt(3) != 0));
            }
        }
        return rows;
    }

    @Test
    void keysSeparateEncodersAndExactTexts() {
        try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve("c.db"), 100)) {
            cache.store("one", Map.of(EmbeddingCache.keyOf("x"), embedding(1, 3, false)));

            assertThat(cache.lookup("two", keys("x"), 4)[0]).isNull();
            assertThat(cache.lookup("one", keys("x "), 4)[0]).isNull();
            assertThat(cache.lookup("one", keys("x"), 4)[0]).isNotNull();
            // Different unpaired surrogates must not collapse into one key (UTF-8 would turn both into '?').
            assertThat(EmbeddingCache.keyOf("\uD800")).isNotEqualTo(EmbeddingCache.keyOf("\uD801"));
        }
    }

    @Test
    void aVectorOfAnotherWidthCountsAsMissing() {
        try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve("c.db"), 100)) {
            cache.store("enc", Map.of(EmbeddingCache.keyOf("x"), embedding(1, 3, false)));
            assertThat(cache.lookup("enc", keys("x"), 8)[0]).isNull();
        }
    }

    @Test
    void changedModelFilesDropThatEncodersVectorsOnly() {
        try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve("c.db"), 100)) {
            cache.bind("enc", "old");
            cache.bind("other", "same");
            cache.store("enc", Map.of(EmbeddingCache.keyOf("x"), embedding(1, 3, false)));
            cache.store("other", Map.of(EmbeddingCache.keyOf("x"), embedding(1, 3, false)));

            cache.bind("enc", "new");

            assertThat(cache.lookup("enc", keys("x"), 4)[0]).isNull();
            assertThat(cache.lookup("other", keys("x"), 4)[0]).isNotNull();
            assertThat(cache.stats().entries()).isEqualTo(1);
        }
    }

    @Test
    void theCacheStaysWithinItsBoundAndEvictsTheLeastRecentlyUsed() {
        try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve("c.db"), 20)) {
            for (int i = 0; i < 20; i++) {
                cache.store("enc", Map.of(EmbeddingCache.keyOf("t" + i), embedding(i, 3, false)));
            }
            cache.lookup("enc", keys("t0"), 4); // t0 is now the most recently used
            for (int i = 20; i < 30; i++) {
                cache.store("enc", Map.of(EmbeddingCache.keyOf("t" + i), embedding(i, 3, false)));
            }

            CacheStats stats = cache.stats();
            assertThat(stats.entries()).isLessThanOrEqualTo(20);
            assertThat(stats.evictions()).isEqualTo(30 - stats.entries());
            assertThat(cache.lookup("enc", keys("t0"), 4)[0]).isNotNull();
            assertThat(cache.lookup("enc", keys("t1"), 4)[0]).isNull();
            assertThat(cache.lookup("enc", keys("t29"), 4)[0]).isNotNull();
        }
    }

    @Test
    void anUnreadableFileIsSetAsideAndANewCacheStarted() throws Exception {
        Path file = dir.resolve("embeddings.db");
        Files.writeString(file, "this is not a database, just garbage left by something else ".repeat(100));

        try (EmbeddingCache cache = EmbeddingCache.open(file, 10)) {
            cache.store("enc", Map.of(EmbeddingCache.keyOf("x"), embedding(1, 3, false)));
            assertThat(cache.lookup("enc", keys("x"), 4)[0]).isNotNull();
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("embeddings.db.corrupt-"));
        }
    }

    @Test
    void theDatabaseUsesWriteAheadLogging() throws Exception {
        Path file = dir.resolve("c.db");
        EmbeddingCache.open(file, 10).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    static Embedding embedding(int seed, int tokens, boolean truncated) {
        return new Embedding(new float[] {seed, seed + 0.5f, -seed, 1f / (seed + 1)}, tokens, truncated);
    }

    private static List<EmbeddingCache.TextKey> keys(String... texts) {
        List<EmbeddingCache.TextKey> keys = new ArrayList<>();
        for (String text : texts) {
            keys.add(EmbeddingCache.keyOf(text));
        }
        return keys;
    }

    static Map<EmbeddingCache.TextKey, Embedding> entries(int from, int to) {
        Map<EmbeddingCache.TextKey, Embedding> map = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            map.put(EmbeddingCache.keyOf("text " + i), embedding(i, 3, false));
        }
        return map;
    }
}
