package org.baihua.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.baihua.core.BaihuaException;
import org.baihua.core.ConflictException;
import org.baihua.core.NotFoundException;
import org.baihua.sdk.DataRecord;
import org.junit.jupiter.api.Test;

/** Stored data sets; run against every {@link Backend}. */
abstract class DatasetStoreContract extends RegistryTestBase {

    private static final List<DataRecord> ROWS = List.of(
            new DataRecord(2, Map.of("text", "chest pain radiating to the left arm", "age", 61, "label", "cardiology")),
            new DataRecord(3, Map.of("text", "itchy rash on both forearms", "label", "dermatology")),
            new DataRecord(5, Map.of("text", "persistent cough", "codes", List.of("R05", "J20"), "label", "pulmonology")));

    private static NewDataset meta(String hash) {
        return new NewDataset("symptoms", "medical", "specialty", "csv", hash,
                Map.of("cardiology", 1L, "dermatology", 1L, "pulmonology", 1L),
                List.of(new RejectedRow(4, "column 'text' is empty"), new RejectedRow(6, "3 columns, expected 2")),
                "tester");
    }

    @Test
    void savedDataSetReadsBackWithItsRowsAndRejections() {
        DatasetInfo saved = stores.datasets.save(meta("hash-1"), ROWS);
        assertThat(saved.id()).matches("ds-[0-9a-f]{16}");
        assertThat(saved.rows()).isEqualTo(3);
        assertThat(saved.rejectedCount()).isEqualTo(2);
        assertThat(saved.labelCounts()).containsEntry("cardiology", 1L);

        Stores restarted = reopen();
        assertThat(restarted.datasets.get(saved.id())).isEqualTo(saved);
        assertThat(restarted.datasets.readRows(saved.id())).isEqualTo(ROWS);
        assertThat(restarted.datasets.rejections(saved.id())).containsExactly(
                new RejectedRow(4, "column 'text' is empty"), new RejectedRow(6, "3 columns, expected 2"));
        assertThat(restarted.datasets.list()).containsExactly(saved);
    }

    @Test
    void theDetectedLanguageIsStoredAndAbsentStaysNull() {
        NewDataset m = meta("hash-zh");
        DatasetInfo chinese = stores.datasets.save(new NewDataset(m.name(), m.domain(), m.task(), m.format(), m.contentHash(),
                m.labelCounts(), m.rejected(), m.createdBy(), "zh"), ROWS);
        DatasetInfo unknown = stores.datasets.save(meta("hash-none"), ROWS);

        Stores restarted = reopen();
        assertThat(restarted.datasets.get(chinese.id()).language()).isEqualTo("zh");
        assertThat(restarted.datasets.get(unknown.id()).language()).isNull();
    }

    @Test
    void identicalContentIsRecognised() {
        DatasetInfo first = stores.datasets.save(meta("hash-1"), ROWS);
        assertThat(stores.datasets.findByContentHash("medical", "specialty", "hash-1")).contains(first);
        assertThat(stores.datasets.findByContentHash("medical", "specialty", "hash-2")).isEmpty();
        assertThatThrownBy(() -> stores.datasets.save(meta("hash-1"), ROWS))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Data set '" + first.id() + "' already holds this content for domain 'medical' task 'specialty'");
        assertThat(stores.datasets.list()).hasSize(1);
        assertThat(rowFiles()).hasSize(1);
    }

    @Test
    void deleteRemovesRowsButIsRefusedWhileTrainingUsesTheDataSet() {
        DatasetInfo saved = stores.datasets.save(meta("hash-1"), ROWS);
        stores.registry.createVersion("triage", "medical", "specialty", TestData.lineage(saved.id()));
        assertThatThrownBy(() -> stores.datasets.delete(saved.id())).isInstanceOf(ConflictException.class)
                .hasMessage("Data set '" + saved.id() + "' is in use by training of [triage v1]: wait for it to finish or cancel it");

        stores.registry.markCancelled("triage", 1);
        stores.datasets.delete(saved.id());
        assertThat(stores.datasets.find(saved.id())).isEmpty();
        assertThat(rowFiles()).isEmpty();
        assertThat(stores.registry.version("triage", 1).lineage().datasetHash()).isEqualTo("sha256:" + saved.id());
        assertThatThrownBy(() -> stores.datasets.delete(saved.id())).isInstanceOf(NotFoundException.class)
                .hasMessage("Data set '" + saved.id() + "' not found");
        assertThatThrownBy(() -> stores.datasets.readRows(saved.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void alteredRowsFileIsReportedAsCorrupt() throws Exception {
        DatasetInfo saved = stores.datasets.save(meta("hash-1"), ROWS);
        Path file = rowFiles().get(0);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> stores.datasets.readRows(saved.id())).isInstanceOf(BaihuaException.class)
                .hasMessageStartingWith("Data set '" + saved.id() + "' is corrupt: its rows file has SHA-256");
    }

    @Test
    void aCursorHandsOutRowsOneAtATimeAndChecksTheFileAtItsEnd() throws Exception {
        DatasetInfo saved = stores.datasets.save(meta("hash-1"), ROWS);
        try (RowCursor rows = stores.datasets.openRows(saved.id())) {
            assertThat(rows.next()).isEqualTo(ROWS.get(0));
        } // closed after one row: a partial read is allowed
        List<DataRecord> read = new ArrayList<>();
        try (RowCursor rows = stores.datasets.openRows(saved.id())) {
            rows.forEachRemaining(read::add);
            assertThat(rows.count()).isEqualTo(3);
        }
        assertThat(read).isEqualTo(ROWS);

        Path file = rowFiles().get(0);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 8] ^= 1; // the gzip trailer's CRC: every row still parses
        Files.write(file, bytes);
        try (RowCursor rows = stores.datasets.openRows(saved.id())) {
            assertThatThrownBy(() -> rows.forEachRemaining(r -> { })).isInstanceOf(BaihuaException.class)
                    .hasMessageStartingWith("Data set '" + saved.id() + "' is corrupt");
        }
    }

    @Test
    void openingRemovesScratchAndOrphanRowFiles() throws Exception {
        DatasetInfo saved = stores.datasets.save(meta("hash-1"), ROWS);
        Path root = dataDir.resolve("datasets");
        Files.writeString(root.resolve("ds-0000000000000000.jsonl.gz"), "left by a crash before the row was committed");
        Files.writeString(root.resolve(".tmp").resolve("ds-1111111111111111.jsonl.gz"), "half written");

        Stores restarted = reopen();
        assertThat(rowFiles()).containsExactly(root.resolve(saved.id() + ".jsonl.gz"));
        try (var scratch = Files.list(root.resolve(".tmp"))) {
            assertThat(scratch).isEmpty();
        }
        assertThat(restarted.datasets.readRows(saved.id())).hasSize(3);
    }

    @Test
    void manyRowsAndRejectionsRoundTrip() {
        List<DataRecord> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("text", "note number " + i + " with unicode é漢字");
            values.put("amount", i * 0.25);
            values.put("label", i % 2 == 0 ? "even" : "odd");
            rows.add(new DataRecord(i + 2, values));
        }
        List<RejectedRow> rejected = LongStream.range(0, 1500).mapToObj(l -> new RejectedRow(l, "bad row " + l)).toList();
        DatasetInfo saved = stores.datasets.save(new NewDataset(null, "finance", "fraud", "jsonl", "big",
                Map.of("even", 2500L, "odd", 2500L), rejected, "tester"), rows);
        assertThat(saved.name()).isEqualTo(saved.id());
        assertThat(stores.datasets.readRows(saved.id())).isEqualTo(rows);
        assertThat(stores.datasets.rejections(saved.id())).isEqualTo(rejected);
    }

    private List<Path> rowFiles() {
        try (var files = Files.list(dataDir.resolve("datasets"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl.gz")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
