package org.baihua.core.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.baihua.sdk.DataRecord;

/**
 * The rows of a data set being written, one at a time, to a scratch file before the data set
 * exists ({@link DatasetStore#draft()}), so that an ingest holds one row in memory, not the file.
 * {@link DatasetStore#save(NewDataset, RowsDraft)} moves the file into place; closing a draft that
 * was not saved deletes it. Not thread-safe: one ingest writes it.
 */
public final class RowsDraft implements AutoCloseable {

    private final Path file;
    private final MessageDigest digest;
    private final ObjectMapper mapper;
    private final Writer writer;
    private long count;
    private String sha256;
    private boolean closed;

    RowsDraft(Path file, ObjectMapper mapper) throws IOException {
        this.file = file;
        this.mapper = mapper;
        this.digest = AtomicFiles.sha256Digest();
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        this.writer = new OutputStreamWriter(new FastGzip(new DigestOutputStream(out, digest)), StandardCharsets.UTF_8);
    }

    /** Appends one row as a JSON line. */
    public void add(DataRecord record) {
        if (sha256 != null || closed) {
            throw new IllegalStateException("the rows of this draft are complete");
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("line", record.line());
        line.put("values", record.values());
        try {
            writer.write(mapper.writeValueAsString(line));
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a row of the data set to its scratch file", e);
        }
        count++;
    }

    /** Rows written so far. */
    public long count() {
        return count;
    }

    /** Ends the file and forces it to disk; returns the SHA-256 of its bytes. */
    String finish() throws IOException {
        if (sha256 == null) {
            writer.close();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        return sha256;
    }

    Path file() {
        return file;
    }

    /**
     * Gzip at the fastest level: compressing is most of an ingest's time at the default level, and
     * JSON lines of text compress almost as well at level 1.
     */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** Deletes the scratch file unless it was moved into place. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (IOException e) {
            // the file is deleted below; a failed close of a discarded draft changes nothing
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the scratch file of a data set", e);
        }
    }
}
