package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.baihua.core.BaihuaException;
import org.baihua.core.ConflictException;
import org.baihua.core.NotFoundException;
import org.baihua.core.storage.CorruptObjectException;
import org.baihua.core.storage.MissingObjectException;
import org.baihua.core.storage.SharedStorage;
import org.baihua.sdk.DataRecord;

/**
 * Stored data sets: metadata and rejected rows in the database, accepted rows in
 * {@code <root>/<id>.jsonl.gz} (gzipped JSON lines), written to a scratch file and renamed into
 * place before the database row exists, and checked against their SHA-256 when read. Data sets are
 * immutable: saved once, read, deleted.
 */
public final class DatasetStore {
    private static final String COLUMNS = "id, name, domain, task, format, content_hash, row_count, label_counts,"
            + " rejected_count, rows_sha256, created_at, created_by, language";

    private final Database database;
    private final Path root;
    private final Path scratch;
    private final JsonColumns json = new JsonColumns();
    private final SharedStorage shared;

    /**
     * Opens the store at {@code root}, removing scratch files and row files that no data set owns
     * (left by a crash between writing the file and committing the row, or after a deletion).
     */
    public DatasetStore(Database database, Path root) {
        this(database, root, Optional.empty());
    }

    /**
     * Opens the store; with shared storage the rows files are content-addressed blobs there (written
     * before the data set's row is committed; unreferenced ones are removed by {@link StorageSweep}),
     * and {@code root} holds only scratch files.
     */
    public DatasetStore(Database database, Path root, Optional<SharedStorage> shared) {
        this.shared = shared.orElse(null);
        this.database = requireNonNull(database, "database is null");
        this.root = requireNonNull(root, "root is null").toAbsolutePath();
        this.scratch = this.root.resolve(".tmp");
        try {
            Files.createDirectories(this.root);
            AtomicFiles.clearFolder(scratch);
            removeOrphanFiles();
        } catch (IOException e) {
            throw ioFailure("opening the data set store at " + this.root, e);
        }
    }

    private void removeOrphanFiles() throws IOException {
        Set<String> known = new HashSet<>(database.read("listing data sets", c ->
                Rows.list(c, "SELECT id FROM datasets", rs -> rs.getString("id"))));
        try (var files = Files.list(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jsonl.gz") && !known.contains(name.substring(0, name.length() - 9))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** A new scratch file for the rows of a data set about to be ingested; see {@link RowsDraft}. */
    public RowsDraft draft() {
        String name = "draft-" + UUID.randomUUID().toString().replace("-", "") + ".jsonl.gz";
        try {
            Files.createDirectories(scratch);
            return new RowsDraft(scratch.resolve(name), json.mapper());
        } catch (IOException e) {
            throw ioFailure("creating a scratch file for the rows of a data set", e);
        }
    }

    /**
     * Stores a data set and its rows.
     *
     * @throws ConflictException if a data set with the same content hash exists for the task (its id is named)
     */
    public DatasetInfo save(NewDataset meta, Iterable<DataRecord> rows) {
        requireNonNull(rows, "rows is null");
        try (RowsDraft draft = draft()) {
            rows.forEach(draft::add);
            return save(meta, draft);
        }
    }

    /**
     * Stores a data set whose rows were written to {@code draft} (which the caller still closes).
     *
     * @throws ConflictException if a data set with the same content hash exists for the task (its id is named)
     */
    public DatasetInfo save(NewDataset meta, RowsDraft draft) {
        requireNonNull(meta, "meta is null");
        requireNonNull(draft, "draft is null");
        findByContentHash(meta.domain(), meta.task(), meta.contentHash()).ifPresent(DatasetStore::duplicate);
        String id = "ds-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Path file = rowsFile(id);
        long count = draft.count();
        String sha;
        try {
            sha = draft.finish();
            if (shared != null) {
                shared.putBlob(draft.file(), sha, Files.size(draft.file()));
            } else {
                AtomicFiles.moveAtomically(draft.file(), file);
            }
        } catch (IOException e) {
            throw ioFailure("writing the rows of data set '" + id + "'", e);
        }
        DatasetInfo info = new DatasetInfo(id, meta.name() == null ? id : meta.name(), meta.domain(), meta.task(),
                meta.format(), meta.contentHash(), count, meta.labelCounts(), meta.rejected().size(), sha,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), meta.createdBy(), meta.language());
        try {
            database.write("saving data set '" + id + "'", c -> insert(c, info, meta.rejected()));
        } catch (RuntimeException e) {
            if (shared == null) {
                deleteFile(file, e); // shared blobs may be another data set's too: the sweep removes orphans
            }
            throw e;
        }
        return info;
    }

    private Void insert(Connection c, DatasetInfo info, List<RejectedRow> rejected) throws SQLException {
        Optional<DatasetInfo> existing = Rows.first(c, "SELECT " + COLUMNS + " FROM datasets"
                + " WHERE domain = ? AND task = ? AND content_hash = ?", this::info,
                info.domain(), info.task(), info.contentHash());
        existing.ifPresent(DatasetStore::duplicate);
        Rows.update(c, "INSERT INTO datasets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                info.id(), info.name(), info.domain(), info.task(), info.format(), info.contentHash(), info.rows(),
                json.write(info.labelCounts()), info.rejectedCount(), info.rowsSha256(), info.createdAt(),
                info.createdBy(), info.language());
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO dataset_rejections (dataset_id, seq, line, reason) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < rejected.size(); i++) {
                insert.setString(1, info.id());
                insert.setInt(2, i);
                insert.setLong(3, rejected.get(i).line());
                insert.setString(4, rejected.get(i).reason());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return null;
    }

    private static void duplicate(DatasetInfo existing) {
        throw new ConflictException("Data set '" + existing.id() + "' already holds this content for domain '"
                + existing.domain() + "' task '" + existing.task() + "'");
    }

    /** The data set with this id, if any. */
    public Optional<DatasetInfo> find(String id) {
        return database.read("reading data set '" + id + "'", c ->
                Rows.first(c, "SELECT " + COLUMNS + " FROM datasets WHERE id = ?", this::info, id));
    }

    /** The data set with this id, or {@link NotFoundException}. */
    public DatasetInfo get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("Data set '" + id + "' not found"));
    }

    /** The data set already holding this content for the task, if any: re-ingest is recognised by it. */
    public Optional<DatasetInfo> findByContentHash(String domain, String task, String contentHash) {
        return database.read("looking up a data set by content hash", c ->
                Rows.first(c, "SELECT " + COLUMNS + " FROM datasets WHERE domain = ? AND task = ? AND content_hash = ?",
                        this::info, domain, task, contentHash));
    }

    /** Every data set, newest first. */
    public List<DatasetInfo> list() {
        return database.read("listing data sets", c ->
                Rows.list(c, "SELECT " + COLUMNS + " FROM datasets ORDER BY created_at DESC, id", this::info));
    }

    /** The rejected rows of a data set, in source order. */
    public List<RejectedRow> rejections(String id) {
        get(id);
        return database.read("reading the rejected rows of data set '" + id + "'", c ->
                Rows.list(c, "SELECT line, reason FROM dataset_rejections WHERE dataset_id = ? ORDER BY seq",
                        rs -> new RejectedRow(rs.getLong("line"), rs.getString("reason")), id));
    }

    /**
     * The accepted rows of a data set, in source order, after checking the file's SHA-256. All rows
     * are in memory: see {@link #forEachRow} for a streaming read.
     *
     * @throws BaihuaException if the rows file is missing or does not match its checksum
     */
    public List<DataRecord> readRows(String id) {
        List<DataRecord> rows = new ArrayList<>();
        forEachRow(id, rows::add);
        return rows;
    }

    /**
     * Streams the accepted rows of a data set, in source order, to {@code visitor}, holding one row
     * at a time; the file's SHA-256 is checked when its end is reached, so a visitor sees the rows
     * of a corrupt file before this throws.
     *
     * @return the number of rows visited
     * @throws BaihuaException if the rows file is missing or does not match its checksum
     */
    public long forEachRow(String id, Consumer<DataRecord> visitor) {
        try (RowCursor rows = openRows(id)) {
            while (rows.hasNext()) {
                visitor.accept(rows.next());
            }
            return rows.count();
        }
    }

    /**
     * Opens the accepted rows of a data set for reading one at a time, in source order; the file's
     * SHA-256 is checked when its end is reached (so a reader sees the rows of a corrupt file before
     * the cursor throws). The caller closes the cursor.
     *
     * @throws BaihuaException if the rows file is missing, or (while reading) does not match its checksum
     */
    public RowCursor openRows(String id) {
        DatasetInfo info = get(id);
        if (shared != null) {
            InputStream in;
            try {
                in = shared.openBlob(info.rowsSha256());
            } catch (RuntimeException e) {
                throw sharedFailure(id, e);
            }
            // reading the blob to its end is what checks its SHA-256 (also when gzip failed on altered bytes)
            return new RowCursor(in, () -> { }, e -> sharedFailure(id, e), json.mapper());
        }
        MessageDigest digest = AtomicFiles.sha256Digest();
        InputStream in;
        try {
            in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(rowsFile(id)), 1 << 16), digest);
        } catch (NoSuchFileException e) {
            throw corrupt(id, "its rows file is missing");
        } catch (IOException e) {
            throw ioFailure("reading the rows of data set '" + id + "'", e);
        }
        return new RowCursor(in, () -> checkSha(info, digest), e -> e instanceof IOException io
                ? ioFailure("reading the rows of data set '" + id + "'", io) : (RuntimeException) e, json.mapper());
    }

    private static void checkSha(DatasetInfo info, MessageDigest digest) {
        String sha = HexFormat.of().formatHex(digest.digest());
        if (!sha.equals(info.rowsSha256())) {
            throw corrupt(info.id(), "its rows file has SHA-256 " + sha + ", the registry recorded " + info.rowsSha256());
        }
    }

    private static RuntimeException sharedFailure(String id, Exception e) {
        if (e instanceof MissingObjectException) {
            return corrupt(id, "its rows object is missing: " + e.getMessage());
        }
        if (e instanceof CorruptObjectException) {
            return corrupt(id, "its rows object does not match the registry's record: " + e.getMessage());
        }
        return e instanceof IOException io ? ioFailure("reading the rows of data set '" + id + "'", io) : (RuntimeException) e;
    }

    /**
     * Deletes a data set and its rows. Versions trained on it keep its id and hash in their lineage.
     *
     * @throws ConflictException while a queued or training version uses it
     */
    public void delete(String id) {
        String rowsSha = shared == null ? null : find(id).map(DatasetInfo::rowsSha256).orElse(null);
        database.write("deleting data set '" + id + "'", c -> {
            List<VersionRef> users = Rows.list(c, "SELECT model_name, version FROM model_versions"
                    + " WHERE dataset_id = ? AND state IN ('QUEUED', 'TRAINING') ORDER BY model_name, version",
                    rs -> new VersionRef(rs.getString("model_name"), rs.getInt("version")), id);
            if (!users.isEmpty()) {
                throw new ConflictException("Data set '" + id + "' is in use by training of " + users
                        + ": wait for it to finish or cancel it");
            }
            if (Rows.update(c, "DELETE FROM datasets WHERE id = ?", id) == 0) {
                throw new NotFoundException("Data set '" + id + "' not found");
            }
            return null;
        });
        if (shared != null) {
            // Rows are private data: remove them now unless another data set holds the same bytes.
            long users = database.read("counting data sets with the same rows", c -> Rows.first(c,
                    "SELECT COUNT(*) AS n FROM datasets WHERE rows_sha256 = ?", rs -> rs.getLong("n"), rowsSha).orElse(0L));
            if (rowsSha != null && users == 0) {
                shared.deleteBlob(rowsSha);
            }
            return;
        }
        try {
            Files.deleteIfExists(rowsFile(id));
        } catch (IOException e) {
            throw ioFailure("deleting the rows of data set '" + id + "'", e);
        }
    }

    private Path rowsFile(String id) {
        return root.resolve(Names.requireId(id, "data set") + ".jsonl.gz");
    }

    private DatasetInfo info(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new DatasetInfo(id, rs.getString("name"), rs.getString("domain"), rs.getString("task"),
                rs.getString("format"), rs.getString("content_hash"), rs.getLong("row_count"),
                json.readLongMap(rs.getString("label_counts"), "the label counts of data set '" + id + "'"),
                rs.getLong("rejected_count"), rs.getString("rows_sha256"), Rows.instant(rs, "created_at"),
                rs.getString("created_by"), rs.getString("language"));
    }

    private static void deleteFile(Path file, RuntimeException cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static BaihuaException corrupt(String id, String problem) {
        return new BaihuaException(BaihuaException.Kind.INTERNAL, "Data set '" + id + "' is corrupt: " + problem);
    }

    private static BaihuaException ioFailure(String what, IOException e) {
        return new BaihuaException(BaihuaException.Kind.INTERNAL, "I/O error while " + what + ": " + e, e);
    }
}
