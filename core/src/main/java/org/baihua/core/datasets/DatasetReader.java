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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
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
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.RecordSink;
import org.baihua.sdk.Redactor;
import org.baihua.sdk.TaskSpec;

/**
 * Reads a user's file for a task: the domain's adapter streams records, each is mapped onto the
 * task's fields, validated and redacted by the domain's redactors (before anything is kept), and
 * handed on one at a time. Every row ends up either accepted or in the rejections, with its line
 * and reason.
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
     * Reads {@code in} (not closed) for {@code task} of {@code domainId}, handing each usable record
     * to {@code rows} as soon as it is read, mapped and redacted: memory does not grow with the file
     * (rejections are kept up to {@link IngestLimits#maxRejectionsKept()}, column names up to
     * {@link #MAX_COLUMNS}).
     *
     * @throws InvalidRequestException when the file as a whole cannot be used (wrong format, no usable
     *     row, a mapping that names a column the file does not have)
     * @throws BaihuaException PAYLOAD_TOO_LARGE past the size limit
     */
    public IngestResult read(String domainId, TaskSpec task, String format, AdapterOptions options, FieldMapping mapping,
                             Set<String> named, InputStream in, Consumer<DataRecord> rows) {
        DataAdapter adapter = extensions.adapter(domainId, format);
        List<Contribution<Redactor>> redactors = extensions.redactors(domainId);
        RecordShaper shaper = new RecordShaper(task, mapping);
        MessageDigest sha256 = sha256();
        CountingStream counted = new CountingStream(new DigestInputStream(in, sha256), limits.maxBytes());
        Collector collector = new Collector(task, shaper, redactors, limits.maxRejectionsKept(), rows);
        try {
            adapter.read(counted, options, collector);
            counted.drain();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("file", "Cannot read the file as " + format + ": " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("file", "Cannot read the file: " + e.getMessage());
        }
        List<String> columns = List.copyOf(collector.columns);
        List<String> missing = collector.columns.size() >= MAX_COLUMNS ? List.of() : MappingCheck.missingColumns(task, mapping, named, columns);
        if (collector.accepted == 0) {
            String nothing = "No row of the file could be used (" + collector.rejectedCount + " rejected)"
                    + (collector.rejected.isEmpty() ? "" : "; first: line " + collector.rejected.get(0).line() + ": "
                    + collector.rejected.get(0).reason());
            throw missing.isEmpty() ? new InvalidRequestException("file", nothing) : MappingCheck.refusal(nothing + ". ", missing, columns);
        }
        if (!missing.isEmpty()) {
            throw MappingCheck.refusal("", missing, columns);
        }
        return new IngestResult(collector.accepted, collector.rejected, collector.rejectedCount, collector.labelCounts,
                HexFormat.of().formatHex(sha256.digest()), counted.count, collector.language(), columns);
    }

    /** Most distinct column names remembered from a file (for the mapping check and the dry run). */
    static final int MAX_COLUMNS = 10_000;

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
        private final Consumer<DataRecord> out;
        private final List<String> textFields;
        private final LanguageDetector language = new LanguageDetector();
        final List<RejectedRow> rejected = new ArrayList<>();
        final Map<String, Long> labelCounts = new TreeMap<>();
        final Set<String> columns = new LinkedHashSet<>();
        long rejectedCount;
        long accepted;

        Collector(TaskSpec task, RecordShaper shaper, List<Contribution<Redactor>> redactors, int keep, Consumer<DataRecord> out) {
            this.shaper = shaper;
            this.redactors = redactors;
            this.keep = keep;
            this.out = out;
            this.textFields = task.inputs().stream().filter(f -> f.type() == FieldType.TEXT).map(FieldSpec::name).toList();
        }

        @Override
        public void accept(DataRecord record) {
            if (columns.size() < MAX_COLUMNS) {
                for (String name : record.values().keySet()) {
                    if (columns.size() < MAX_COLUMNS) {
                        columns.add(name);
                    }
                }
            }
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
            out.accept(clean);
            accepted++;
            for (String field : textFields) {
                language.accept(clean.text(field));
            }
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

        /** The language of the text fields over the accepted rows, or null when the task has none. */
        String language() {
            return textFields.isEmpty() ? null : language.language();
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
