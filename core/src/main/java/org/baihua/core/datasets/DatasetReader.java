package org.baihua.core.datasets;

import org.baihua.core.registry.RejectedRow;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.plugin.Contribution;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.formats.FieldMapping;
import org.baihua.formats.RecordShaper;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataAdapter;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.RecordSink;
import org.baihua.sdk.Redactor;
import org.baihua.sdk.TaskSpec;

/**
 * Reads a user's file for a task: the domain's adapter streams records, each is mapped onto the
 * task's fields, redacted by the domain's redactors (before anything is kept), and validated.
 * Every row ends up either in the records or in the rejections, with its line and reason.
 */
public final class DatasetReader {

    private final DomainExtensions extensions;
    private final IngestLimits limits;

    @Inject
    public DatasetReader(DomainExtensions extensions, IngestLimits limits) {
        this.extensions = requireNonNull(extensions, "extensions is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    /**
     * Reads {@code in} (not closed) for {@code task} of {@code domainId}.
     *
     * @throws InvalidRequestException when the file as a whole cannot be used (wrong format, no usable row)
     * @throws BaihuaException PAYLOAD_TOO_LARGE past the size limit
     */
    public IngestResult read(String domainId, TaskSpec task, String format, AdapterOptions options, FieldMapping mapping,
                             InputStream in) {
        DataAdapter adapter = extensions.adapter(domainId, format);
        List<Contribution<Redactor>> redactors = extensions.redactors(domainId);
        RecordShaper shaper = new RecordShaper(task, mapping);
        MessageDigest sha256 = sha256();
        CountingStream counted = new CountingStream(new DigestInputStream(in, sha256), limits.maxBytes());
        Collector collector = new Collector(shaper, redactors, limits.maxRejectionsKept());
        try {
            adapter.read(counted, options, collector);
            counted.drain();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("file", "Cannot read the file as " + format + ": " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("file", "Cannot read the file: " + e.getMessage());
        }
        if (collector.records.isEmpty()) {
            throw new InvalidRequestException("file", "No row of the file could be used (" + collector.rejectedCount + " rejected)"
                    + (collector.rejected.isEmpty() ? "" : "; first: line " + collector.rejected.get(0).line() + ": "
                    + collector.rejected.get(0).reason()));
        }
        return new IngestResult(collector.records, collector.rejected, collector.rejectedCount, collector.labelCounts,
                HexFormat.of().formatHex(sha256.digest()), counted.count);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static final class Collector implements RecordSink {
        private final RecordShaper shaper;
        private final List<Contribution<Redactor>> redactors;
        private final int keep;
        final List<DataRecord> records = new ArrayList<>();
        final List<RejectedRow> rejected = new ArrayList<>();
        final Map<String, Long> labelCounts = new TreeMap<>();
        long rejectedCount;

        Collector(RecordShaper shaper, List<Contribution<Redactor>> redactors, int keep) {
            this.shaper = shaper;
            this.redactors = redactors;
            this.keep = keep;
        }

        @Override
        public void accept(DataRecord record) {
            RecordShaper.Result shaped = shaper.shapeLabelled(record);
            if (shaped.rejection() != null) {
                reject(record.line(), shaped.rejection());
                return;
            }
            DataRecord clean = shaped.record();
            for (Contribution<Redactor> redactor : redactors) {
                try {
                    clean = redactor.extension().redact(clean);
                } catch (RuntimeException e) {
                    reject(record.line(), "redaction by plugin '" + redactor.pluginId() + "' failed: " + e.getMessage());
                    return;
                }
            }
            records.add(clean);
            Object label = clean.get(DataRecord.LABEL);
            if (label instanceof List<?> labels) {
                labels.forEach(l -> labelCounts.merge(l.toString(), 1L, Long::sum));
            } else {
                labelCounts.merge(String.valueOf(label), 1L, Long::sum);
            }
        }

        @Override
        public void reject(long line, String reason) {
            rejectedCount++;
            if (rejected.size() < keep) {
                rejected.add(new RejectedRow(line, reason));
            }
        }
    }

    /** Counts bytes and refuses to read past the limit. */
    private static final class CountingStream extends FilterInputStream {
        private final long max;
        long count;

        CountingStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            count += n;
            if (count > max) {
                throw new BaihuaException(Kind.PAYLOAD_TOO_LARGE, "The file is larger than the limit of " + max
                        + " bytes (config key " + IngestLimits.MAX_BYTES + ")");
            }
        }

        /** Reads what the adapter left, so that the hash covers the whole file. */
        void drain() throws IOException {
            byte[] buffer = new byte[8192];
            while (read(buffer, 0, buffer.length) >= 0) {
                // counting and hashing happen in read
            }
        }

        @Override
        public void close() {
            // the caller owns the underlying stream
        }
    }
}
