package org.baihua.core.datasets;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.baihua.core.ConflictException;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.plugin.DomainCatalog;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.core.registry.DatasetStore;
import org.baihua.core.registry.NewDataset;
import org.baihua.formats.FieldMapping;
import org.baihua.formats.MappingException;
import org.baihua.sdk.SampleData;
import org.baihua.sdk.TaskSpec;

/**
 * Ingest: reads a user's file through the domain's adapter and redactors, then stores the usable
 * rows immutably. The same bytes ingested again with the same settings are recognised and the
 * existing data set is returned.
 */
public final class DatasetService {

    private final DatasetReader reader;
    private final DatasetStore store;
    private final DomainCatalog domains;

    @Inject
    public DatasetService(DatasetReader reader, DatasetStore store, DomainCatalog domains) {
        this.reader = requireNonNull(reader, "reader is null");
        this.store = requireNonNull(store, "store is null");
        this.domains = requireNonNull(domains, "domains is null");
    }

    /** Ingests {@code in} (not closed); nothing is stored when the file as a whole is refused. */
    public IngestOutcome ingest(IngestRequest request, InputStream in, String createdBy) {
        TaskSpec task = domains.task(request.domain(), request.task());
        FieldMapping mapping;
        try {
            mapping = FieldMapping.parse(task, request.mapping(), request.labelValues());
        } catch (MappingException e) {
            throw new InvalidRequestException(e.parameter(), e.getMessage());
        }
        IngestResult result = reader.read(request.domain(), task, request.format(), request.options(), mapping, in);
        String identity = sha256(result.contentHash() + '\n' + request.identity());
        Optional<DatasetInfo> existing = store.findByContentHash(request.domain(), request.task(), identity);
        if (existing.isPresent()) {
            return new IngestOutcome(existing.get(), store.rejections(existing.get().id()), true);
        }
        NewDataset meta = new NewDataset(request.name(), request.domain(), request.task(), request.format(), identity,
                result.labelCounts(), result.rejected(), createdBy);
        try {
            return new IngestOutcome(store.save(meta, result.records()), result.rejected(), false);
        } catch (ConflictException e) {
            // Another request stored the same content meanwhile: that data set is this one.
            DatasetInfo winner = store.findByContentHash(request.domain(), request.task(), identity).orElseThrow(() -> e);
            return new IngestOutcome(winner, store.rejections(winner.id()), true);
        }
    }

    /** Ingests a sample a plugin ships, with the settings the plugin gives for it. */
    public IngestOutcome ingestSample(SampleData plugin, SampleData.Sample sample, String createdBy) {
        IngestRequest request = new IngestRequest(sample.domainId(), sample.taskId(), sample.format(), sample.name(),
                sample.options(), join(sample.mapping(), '='), join(sample.labelValues(), ':'));
        try (InputStream in = plugin.open(sample.name())) {
            return ingest(request, in, createdBy);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sample '" + sample.name() + "' of domain '" + sample.domainId() + "'", e);
        }
    }

    private static String join(java.util.Map<String, String> pairs, char separator) {
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(pairs).forEach((k, v) -> text.append(text.length() == 0 ? "" : ",").append(k).append(separator).append(v));
        return text.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
