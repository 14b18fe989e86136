package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.NotFoundException;
import org.baihua.core.auth.AccessControl;
import org.baihua.core.auth.Role;
import org.baihua.core.datasets.DatasetService;
import org.baihua.core.datasets.DryRun;
import org.baihua.core.datasets.IngestOutcome;
import org.baihua.core.datasets.IngestRequest;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.core.registry.DatasetStore;
import org.baihua.core.registry.RejectedRow;
import org.baihua.sdk.AdapterOptions;

/**
 * {@code /api/v1/datasets}: ingest a file for a task, list, show and delete data sets. Adapter
 * options are query parameters prefixed {@code option.}, for example {@code option.header=false}.
 */
final class DatasetRoutes implements RouteGroup {

    /** REST view of a data set. */
    record DatasetView(String id, String name, String domain, String task, String format, long rows,
                       Map<String, Long> labelCounts, long rejectedCount, Instant createdAt, String createdBy,
                       List<RejectedRow> rejected, Boolean reused, String language) {

        static DatasetView of(DatasetInfo d, List<RejectedRow> rejected, Boolean reused) {
            return new DatasetView(d.id(), d.name(), d.domain(), d.task(), d.format(), d.rows(), d.labelCounts(),
                    d.rejectedCount(), d.createdAt(), d.createdBy(), rejected, reused, d.language());
        }
    }

    /** A page of a data set's stored rows (after redaction and label mapping). */
    record RowsView(String dataset, long total, int offset, List<RowView> rows) {}

    /** One stored row: its line in the uploaded file and its field values. */
    record RowView(long line, Map<String, Object> values) {}

    /** REST view of a dry run: what an ingest would store; nothing is. */
    record DryRunView(boolean dryRun, String domain, String task, List<String> columns, Map<String, String> mapping,
                      List<String> unmappedColumns, List<String> unmappedOptionalFields, List<RowView> preview,
                      String preprocessing, long rows, long rejectedCount, List<RejectedRow> rejected, Map<String, Long> labelCounts,
                      long bytes, String language) {

        static DryRunView of(IngestRequest request, DryRun run) {
            return new DryRunView(true, request.domain(), request.task(), run.columns(), run.mapping(), run.unmappedColumns(),
                    run.unmappedOptionalFields(), run.preview().stream().map(r -> new RowView(r.line(), r.values())).toList(),
                    run.preprocessing(), run.rows(), run.rejectedCount(), run.rejected(), run.labelCounts(), run.bytes(), run.language());
        }
    }

    static final int ROWS_SHOWN_MAX = 500;

    private static final Set<String> CONTENT_TYPES = Set.of("text/csv", "text/plain", "text/tab-separated-values",
            "application/octet-stream", "application/json", "application/x-ndjson", "application/jsonl",
            "application/fhir+json", "application/xml", "text/xml", "application/vnd.ms-excel");
    private static final Set<String> PARAMETERS = Set.of("domain", "task", "format", "name", "mapping", "labelValues", "dryRun");
    static final int REJECTIONS_SHOWN = 1_000;

    private final DatasetService datasets;
    private final DatasetStore store;

    @Inject
    DatasetRoutes(DatasetService datasets, DatasetStore store) {
        this.datasets = requireNonNull(datasets, "datasets is null");
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public void register(Javalin app) {
        app.post("/api/v1/datasets", this::ingest, Role.TRAINER);
        app.get("/api/v1/datasets", ctx -> {
            QueryParameters.allow(ctx, Set.of());
            ctx.json(store.list().stream().map(d -> DatasetView.of(d, null, null)).toList());
        }, Role.TRAINER);
        app.get("/api/v1/datasets/{id}", ctx -> {
            QueryParameters.allow(ctx, Set.of());
            DatasetInfo info = find(ctx.pathParam("id"));
            List<RejectedRow> rejected = store.rejections(info.id());
            ctx.json(DatasetView.of(info, rejected.subList(0, Math.min(rejected.size(), REJECTIONS_SHOWN)), null));
        }, Role.TRAINER);
        app.get("/api/v1/datasets/{id}/rows", ctx -> {
            QueryParameters.allow(ctx, Set.of("offset", "limit"));
            DatasetInfo info = find(ctx.pathParam("id"));
            int offset = bounded(ctx, "offset", 0, Integer.MAX_VALUE, 0);
            int limit = bounded(ctx, "limit", 1, ROWS_SHOWN_MAX, 20);
            // streamed: the page is kept, not the data set
            List<RowView> page = new ArrayList<>();
            long[] index = {0};
            long total = store.forEachRow(info.id(), r -> {
                if (index[0] >= offset && page.size() < limit) {
                    page.add(new RowView(r.line(), r.values()));
                }
                index[0]++;
            });
            ctx.json(new RowsView(info.id(), total, offset, page));
        }, Role.TRAINER);
        app.delete("/api/v1/datasets/{id}", ctx -> {
            QueryParameters.allow(ctx, Set.of());
            find(ctx.pathParam("id"));
            store.delete(ctx.pathParam("id"));
            ctx.status(204);
        }, Role.TRAINER);
    }

    private DatasetInfo find(String id) {
        if (!id.matches("[A-Za-z0-9-]{1,64}")) {
            throw new InvalidRequestException("id", "'" + id + "' is not a data set id");
        }
        return store.find(id).orElseThrow(() -> new NotFoundException("Data set '" + id + "' not found"));
    }

    private void ingest(Context ctx) {
        Uploads.requireContentType(ctx, CONTENT_TYPES);
        Map<String, String> options = new LinkedHashMap<>();
        QueryParameters.allow(ctx, PARAMETERS, "option.");
        ctx.queryParamMap().forEach((key, values) -> {
            if (key.startsWith("option.")) {
                options.put(key.substring(7), values.get(values.size() - 1));
            }
        });
        IngestRequest request = new IngestRequest(required(ctx, "domain"), required(ctx, "task"),
                ctx.queryParamAsClass("format", String.class).getOrDefault("csv"), ctx.queryParam("name"),
                new AdapterOptions(options), ctx.queryParam("mapping"), ctx.queryParam("labelValues"));
        boolean dryRun = flag(ctx, "dryRun");
        IngestOutcome outcome;
        try (InputStream body = ctx.bodyInputStream()) {
            if (dryRun) {
                ctx.status(200).json(DryRunView.of(request, datasets.dryRun(request, body)));
                return;
            }
            outcome = datasets.ingest(request, body, AccessControl.caller(ctx).name());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded file", e);
        }
        List<RejectedRow> rejected = outcome.rejected();
        ctx.status(outcome.reused() ? 200 : 201).json(DatasetView.of(outcome.dataset(),
                rejected.subList(0, Math.min(rejected.size(), REJECTIONS_SHOWN)), outcome.reused()));
    }

    private static int bounded(Context ctx, String name, int min, int max, int fallback) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new InvalidRequestException(name, "query parameter '" + name + "' must be a whole number in [" + min + ", " + max
                + "], was '" + text + "'");
    }

    private static boolean flag(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.equalsIgnoreCase("false")) {
            return false;
        }
        if (text.isEmpty() || text.equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidRequestException(name, "query parameter '" + name + "' must be true or false, was '" + text + "'");
    }

    private static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(name, "query parameter '" + name + "' is required");
        }
        return value;
    }
}
