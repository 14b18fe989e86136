package org.baihua.core.datasets;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.baihua.core.ConflictException;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.features.PreprocessingChain;
import org.baihua.core.plugin.Contribution;
import org.baihua.core.plugin.DomainCatalog;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.core.registry.DatasetStore;
import org.baihua.core.registry.NewDataset;
import org.baihua.core.registry.RejectedRow;
import org.baihua.core.registry.RowsDraft;
import org.baihua.formats.FieldMapping;
import org.baihua.formats.MappingException;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.Preprocessor;
import org.baihua.sdk.SampleData;
import org.baihua.sdk.TaskSpec;

/**
 * Ingest: reads a user's file through the domain's adapter and redactors, writing the usable rows
 * one by one to a scratch file that becomes the stored, immutable data set. The same bytes ingested again with the same settings are recognised and the
 * existing data set is returned.
 */
public final class DatasetService {

    private final DatasetReader reader;
    private final DatasetStore store;
    private final DomainCatalog domains;
    private final DomainExtensions extensions;

    @Inject
    public DatasetService(DatasetReader reader, DatasetStore store, DomainCatalog domains, DomainExtensions extensions) {
        this.reader = requireNonNull(reader, "reader is null");
        this.store = requireNonNull(store, "store is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.extensions = requireNonNull(extensions, "extensions is null");
    }

    /** Ingests {@code in} (not closed); nothing is stored when the file as a whole is refused. */
    public IngestOutcome ingest(IngestRequest request, InputStream in, String createdBy) {
        TaskSpec task = domains.task(request.domain(), request.task());
        FieldMapping mapping = mapping(task, request);
        try (RowsDraft draft = store.draft()) {
            IngestResult result = reader.read(request.domain(), task, request.format(), request.options(), mapping, request.mappedFields(), in, draft::add);
            String identity = sha256(result.contentHash() + '\n' + request.identity());
            Optional<DatasetInfo> existing = store.findByContentHash(request.domain(), request.task(), identity);
            if (existing.isPresent()) {
                return new IngestOutcome(existing.get(), store.rejections(existing.get().id()), true);
            }
            NewDataset meta = new NewDataset(request.name(), request.domain(), request.task(), request.format(), identity,
                    result.labelCounts(), result.rejected(), createdBy, result.language());
            try {
                return new IngestOutcome(store.save(meta, draft), result.rejected(), false);
            } catch (ConflictException e) {
                // Another request stored the same content meanwhile: that data set is this one.
                DatasetInfo winner = store.findByContentHash(request.domain(), request.task(), identity).orElseThrow(() -> e);
                return new IngestOutcome(winner, store.rejections(winner.id()), true);
            }
        }
    }

    /**
     * Reads {@code in} (not closed) as {@link #ingest} would, storing nothing: the file's columns, the
     * mapping applied, what is left unmapped, and the first records after redaction and preprocessing
     * (the preprocessors fitted on the first {@link DryRun#FIT_ROWS} usable rows). The same
     * refusals as an ingest apply.
     */
    public DryRun dryRun(IngestRequest request, InputStream in) {
        TaskSpec task = domains.task(request.domain(), request.task());
        FieldMapping mapping = mapping(task, request);
        List<DataRecord> sample = new ArrayList<>();
        IngestResult result = reader.read(request.domain(), task, request.format(), request.options(), mapping, request.mappedFields(), in, record -> {
            if (sample.size() < DryRun.FIT_ROWS) {
                sample.add(record);
            }
        });
        List<Contribution<Preprocessor>> preprocessors = extensions.preprocessors(request.domain(), request.task());
        List<DataRecord> preview = sample.subList(0, Math.min(DryRun.PREVIEW_ROWS, sample.size()));
        String preprocessing;
        if (preprocessors.isEmpty()) {
            preprocessing = "none: the task has no preprocessor";
        } else {
            String names = preprocessors.stream().map(c -> c.extension().getClass().getSimpleName() + " (" + c.pluginId() + ")").toList()
                    .toString();
            try {
                PreprocessingChain chain = PreprocessingChain.fit(task, preprocessors, sample);
                preview = preview.stream().map(chain::transform).toList();
                preprocessing = names + " fitted on the first " + sample.size() + " usable rows";
            } catch (RuntimeException e) {
                preprocessing = names + " failed: " + e.getMessage() + "; the preview shows the records before preprocessing";
            }
        }
        Set<String> used = new LinkedHashSet<>(mapping.columns().values());
        used.addAll(mapping.indicatorColumns());
        Map<String, String> applied = new LinkedHashMap<>(mapping.columns());
        if (!mapping.indicatorColumns().isEmpty()) {
            applied.put(DataRecord.LABEL, String.join("+", mapping.indicatorColumns()));
        }
        List<String> unmappedColumns = result.columns().stream().filter(c -> !used.contains(c)).toList();
        List<String> unmappedOptional = task.inputs().stream()
                .filter(f -> !f.required() && !result.columns().contains(mapping.column(f.name()))).map(FieldSpec::name).toList();
        List<RejectedRow> rejected = result.rejected().subList(0, Math.min(result.rejected().size(), DryRun.REJECTIONS_SHOWN));
        return new DryRun(result.columns(), applied, unmappedColumns, unmappedOptional, preview, preprocessing, result.rows(),
                result.rejectedCount(), rejected, result.labelCounts(), result.bytes(), result.language());
    }

    private static FieldMapping mapping(TaskSpec task, IngestRequest request) {
        try {
            return FieldMapping.parse(task, request.mapping(), request.labelValues());
        } catch (MappingException e) {
            throw new InvalidRequestException(e.parameter(), e.getMessage());
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
