package org.baihua.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.baihua.sdk.DataRecord;

/**
 * The accepted rows of a stored data set, read one at a time in source order from its gzipped JSON
 * lines: only the current row is in memory. The file's checksum is verified when the last row has
 * been read (and before a read error is reported, since altered bytes may break gzip or JSON before
 * the checksum can tell). Close it when done, also after reading only part of it.
 */
public final class RowCursor implements Iterator<DataRecord>, AutoCloseable {

    /** Checks the bytes read so far against the recorded checksum; throws when they differ. */
    interface Verifier {
        void verify() throws IOException;
    }

    private final InputStream checked;
    private final Verifier verifier;
    private final Function<Exception, RuntimeException> failure;
    private final ObjectMapper mapper;
    private final BufferedReader reader;
    private DataRecord next;
    private boolean finished;
    private long read;

    /**
     * @param checked the stored bytes, passing through whatever computes the checksum
     * @param verifier checks the checksum once {@code checked} has been read to its end
     * @param failure turns a failure (also one the verifier throws) into the exception to report
     */
    RowCursor(InputStream checked, Verifier verifier, Function<Exception, RuntimeException> failure, ObjectMapper mapper) {
        this.checked = checked;
        this.verifier = verifier;
        this.failure = failure;
        this.mapper = mapper;
        try {
            this.reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(checked, 1 << 16), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
            try {
                String line = reader.readLine();
                if (line == null) {
                    checked.transferTo(OutputStream.nullOutputStream());
                    verifier.verify();
                    finished = true;
                    close();
                } else {
                    next = parse(line);
                }
            } catch (IOException | RuntimeException e) {
                throw fail(e);
            }
        }
        return next != null;
    }

    @Override
    public DataRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no row after row " + read);
        }
        DataRecord row = next;
        next = null;
        read++;
        return row;
    }

    /** Rows handed out so far. */
    public long count() {
        return read;
    }

    private DataRecord parse(String line) throws IOException {
        JsonNode node = mapper.readTree(line);
        @SuppressWarnings("unchecked")
        Map<String, Object> values = mapper.convertValue(node.get("values"), Map.class);
        return new DataRecord(node.get("line").asLong(), values);
    }

    /** A corrupt file is reported as corrupt rather than as the parse error its altered bytes caused. */
    private RuntimeException fail(Exception e) {
        finished = true;
        try {
            checked.transferTo(OutputStream.nullOutputStream());
            verifier.verify();
        } catch (IOException | RuntimeException verifyFailure) {
            closeQuietly();
            return failure.apply(verifyFailure);
        }
        closeQuietly();
        return failure.apply(e);
    }

    private void closeQuietly() {
        try {
            checked.close();
        } catch (IOException ignored) {
            // the failure being reported matters more
        }
    }

    @Override
    public void close() {
        finished = true;
        try {
            checked.close();
        } catch (IOException e) {
            throw failure.apply(e);
        }
    }
}
