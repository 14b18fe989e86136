package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jakarta.inject.Inject;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.auth.AccessControl;
import org.baihua.core.auth.Role;
import org.baihua.core.batch.BatchFormat;
import org.baihua.core.batch.BatchJob;
import org.baihua.core.batch.BatchJobs;
import org.baihua.core.datasets.IngestLimits;
import org.baihua.sdk.AdapterOptions;

/**
 * {@code /api/v1/models/{name}/batch-jobs}: score an uploaded file (or a stored data set) with a
 * model asynchronously, follow the job (JSON or Server-Sent Events), stream its result, cancel or
 * delete it. Jobs are a trainer's business, like training jobs and data sets; readers predict.
 */
final class BatchRoutes implements RouteGroup {

    private static final String BASE = "/api/v1/models/{name}/batch-jobs";
    private static final Set<String> PARAMETERS = Set.of("version", "format", "output", "explain", "mapping", "dataset");
    private static final Set<String> CONTENT_TYPES = Set.of("text/csv", "text/plain", "text/tab-separated-values",
            "application/octet-stream", "application/json", "application/x-ndjson", "application/jsonl",
            "application/fhir+json", "application/xml", "text/xml", "application/vnd.ms-excel");

    private final BatchJobs jobs;
    private final IngestLimits limits;
    private final ObjectMapper mapper;

    @Inject
    BatchRoutes(BatchJobs jobs, IngestLimits limits, ObjectMapper mapper) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @Override
    public void register(Javalin app) {
        app.post(BASE, this::submit, Role.TRAINER);
        app.get(BASE, ctx -> {
            QueryParameters.none(ctx);
            ctx.json(jobs.list(ctx.pathParam("name")));
        }, Role.TRAINER);
        app.get(BASE + "/{id}", ctx -> {
            QueryParameters.none(ctx);
            ctx.json(jobs.get(ctx.pathParam("name"), ctx.pathParam("id")));
        }, Role.TRAINER);
        app.post(BASE + "/{id}/cancel", ctx -> {
            QueryParameters.none(ctx);
            ctx.json(jobs.cancel(ctx.pathParam("name"), ctx.pathParam("id")));
        }, Role.TRAINER);
        app.delete(BASE + "/{id}", ctx -> {
            QueryParameters.none(ctx);
            jobs.delete(ctx.pathParam("name"), ctx.pathParam("id"));
            ctx.status(204);
        }, Role.TRAINER);
        app.get(BASE + "/{id}/result", this::result, Role.TRAINER);
        // as for training jobs: an unknown job is a plain 404 before the stream opens
        app.beforeMatched(BASE + "/{id}/events", ctx -> {
            QueryParameters.none(ctx);
            jobs.get(ctx.pathParam("name"), ctx.pathParam("id"));
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                throw new InvalidRequestException("Accept", "This route streams Server-Sent Events: send 'Accept: text/event-stream'"
                        + " (for curl: curl -N -H 'Accept: text/event-stream' ...)");
            }
        });
        app.sse(BASE + "/{id}/events", this::stream, Role.TRAINER);
    }

    private void submit(Context ctx) {
        QueryParameters.allow(ctx, PARAMETERS, "option.");
        Map<String, String> options = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((key, values) -> {
            if (key.startsWith("option.") && key.length() > 7) {
                options.put(key.substring(7), values.get(values.size() - 1));
            }
        });
        String dataset = ctx.queryParam("dataset");
        String explain = ctx.queryParam("explain");
        if (explain != null && !explain.equals("true") && !explain.equals("false")) {
            throw new InvalidRequestException("explain", "explain must be true or false, was '" + explain + "'");
        }
        BatchJobs.Request request = new BatchJobs.Request(ctx.pathParam("name"), version(ctx.queryParam("version")),
                ctx.queryParamAsClass("format", String.class).getOrDefault("csv"), new AdapterOptions(options), ctx.queryParam("mapping"),
                dataset, BatchFormat.parse("output", ctx.queryParam("output")), "true".equals(explain));
        Path upload = null;
        if (dataset == null) {
            Uploads.requireContentType(ctx, CONTENT_TYPES);
            upload = Uploads.toTempFile(ctx, limits.maxBytes(), ".batch");
        } else if (ctx.contentLength() > 0) {
            throw new InvalidRequestException("dataset", "send either a file or dataset=<id>, not both");
        }
        try {
            BatchJob job = jobs.submit(request, upload, AccessControl.caller(ctx).name());
            ctx.status(202).header("Location", "/api/v1/models/" + job.model() + "/batch-jobs/" + job.id()).json(job);
        } finally {
            if (upload != null) {
                try {
                    Files.deleteIfExists(upload); // moved into the job's folder when it was queued
                } catch (IOException e) {
                    // a temporary file; the JVM's temp directory cleaning gets it
                }
            }
        }
    }

    private void result(Context ctx) {
        QueryParameters.none(ctx);
        String name = ctx.pathParam("name");
        String id = ctx.pathParam("id");
        BatchJob job = jobs.get(name, id);
        BatchFormat format = BatchFormat.parse("output", job.output());
        try (InputStream in = jobs.openResult(name, id)) {
            ctx.res().setCharacterEncoding(null);
            ctx.contentType(format.contentType() + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + "-" + id + format.suffix() + "\"");
            try (OutputStream out = ctx.outputStream()) {
                in.transferTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send the result of batch job '" + id + "'", e);
        }
    }

    private void stream(SseClient client) {
        String name = client.ctx().pathParam("name");
        String id = client.ctx().pathParam("id");
        client.keepAlive();
        Runnable unsubscribe = jobs.subscribe(id, job -> send(client, job));
        client.onClose(unsubscribe);
        // subscribed first, then read: an update in between is sent twice at worst, never lost
        send(client, jobs.get(name, id));
    }

    private void send(SseClient client, BatchJob job) {
        if (client.terminated()) {
            return;
        }
        try {
            client.sendEvent("batch-job", mapper.writeValueAsString(job));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise batch job '" + job.id() + "'", e);
        }
        if (!job.state().isActive()) {
            client.close();
        }
    }

    private static Integer version(String text) {
        if (text == null) {
            return null;
        }
        try {
            int version = Integer.parseInt(text.trim());
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("version", "version must be a positive whole number, was '" + text + "'");
    }
}
