package org.baihua.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed (SIGKILL) while writing leaves a consistent cache holding every committed batch. */
class EmbeddingCacheCrashTest {

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesAConsistentCache() throws Exception {
        Path file = dir.resolve("embeddings.db");
        Process child = ChildJvm.command(List.of(), List.of(), CacheWriterProbe.class, file.toString()).start();
        int committed = 0;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith("committed ")) {
                    committed = Integer.parseInt(line.substring("committed ".length()));
                    if (committed >= 20) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
                        break;
                    }
                }
            }
        }
        assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(committed).as("child output: %s", output).isGreaterThanOrEqualTo(20);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
        try (EmbeddingCache cache = EmbeddingCache.open(file, 1_000_000)) {
            long entries = cache.stats().entries();
            assertThat(entries).isGreaterThanOrEqualTo(committed * 50L).isEqualTo(entries / 50 * 50);
            List<EmbeddingCache.TextKey> keys = new ArrayList<>(EmbeddingCacheTest.entries(0, (int) entries).keySet());
            Embedding[] found = cache.lookup("enc", keys, 4);
            for (int i = 0; i < found.length; i++) {
                assertThat(found[i].vector()).as("vector %d", i).containsExactly(EmbeddingCacheTest.embedding(i, 3, false).vector());
            }
        }
    }
}
