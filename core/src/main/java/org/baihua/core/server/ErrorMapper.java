package org.baihua.core.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.baihua.core.BaihuaException;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.encoder.EncoderException;
import org.baihua.core.encoder.EncoderNotFoundException;
import org.baihua.core.metrics.DataDirSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into a problem+json response; unexpected ones are logged with the request. */
final class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    /** Request attribute holding the detail of an error response, for the audit log. */
    static final String PROBLEM_DETAIL = "baihua.problem.detail";

    private final ObjectMapper mapper;
    private final DataDirSpace disk;

    private final java.util.List<String[]> hiddenPaths;

    ErrorMapper(ObjectMapper mapper, DataDirSpace disk, org.baihua.core.config.HostConfig host) {
        this.mapper = mapper;
        this.disk = disk;
        // Server paths stay out of answers: a file under the data or plugins directory is named relative to it.
        this.hiddenPaths = java.util.List.of(
                new String[] {host.dataDir() + java.io.File.separator, ""},
                new String[] {host.dataDir().toString(), "<data dir>"},
                new String[] {host.pluginsDir() + java.io.File.separator, ""},
                new String[] {host.pluginsDir().toString(), "<plugins dir>"});
    }

    private String scrub(String detail) {
        if (detail == null) {
            return null;
        }
        String out = detail;
        for (String[] hidden : hiddenPaths) {
            out = out.replace(hidden[0], hidden[1]);
        }
        return out;
    }

    void install(Javalin app) {
        app.exception(BaihuaException.class, (e, ctx) -> {
            if (e.kind() == BaihuaException.Kind.INTERNAL && storageFailure(e, ctx)) {
                return;
            }
            if (e instanceof org.baihua.core.OverloadedException overloaded) {
                ctx.header("Retry-After", Integer.toString(overloaded.retryAfterSeconds()));
            }
            String field = e instanceof InvalidRequestException invalid ? invalid.field() : null;
            write(ctx, e.kind().status, e.getMessage(), field);
        });
        app.exception(EncoderNotFoundException.class, (e, ctx) -> write(ctx, 404, e.getMessage(), null));
        app.exception(EncoderException.class, (e, ctx) -> write(ctx, 400, e.getMessage(), null));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 405) {
                String allowed = e.getDetails().getOrDefault("availableMethods", "");
                ctx.header("Allow", allowed.replace(" ", ""));
                write(ctx, 405, "Method " + ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allowed, null);
                return;
            }
            write(ctx, e.getStatus(), e.getMessage(), null);
        });
        app.exception(Exception.class, (e, ctx) -> {
            if (storageFailure(e, ctx)) {
                return;
            }
            log.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "Internal error: " + e.getClass().getSimpleName() + " (see the host log)", null);
        });
        app.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith(Problem.CONTENT_TYPE)) {
                write(ctx, 404, "No route for " + ctx.method() + " " + ctx.path(), null);
            }
        });
        app.error(405, ctx -> {
            String allowed = io.javalin.http.util.MethodNotAllowedUtil.INSTANCE
                    .findAvailableHttpHandlerTypes(app.unsafeConfig().pvt.internalRouter, ctx.path()).stream()
                    .filter(io.javalin.http.HandlerType::isHttpMethod).map(Enum::name).sorted()
                    .collect(java.util.stream.Collectors.joining(", "));
            ctx.header("Allow", allowed);
            write(ctx, 405, "Method " + ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allowed, null);
        });
    }

    /**
     * A full disk is 507 naming the free space; another database failure is a 500 without SQL text
     * (the host log has it). Returns whether it answered.
     */
    private boolean storageFailure(Exception e, Context ctx) {
        if (disk.isDiskFull(e)) {
            log.error("The data directory is full ({} bytes free) on {} {}", disk.freeBytes(), ctx.method(), ctx.path(), e);
            write(ctx, 507, "The data directory is full (" + disk.freeBytes() + " bytes free); nothing was changed. "
                    + "Free space on the host and try again", null);
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException) {
                log.error("Database failure on {} {}", ctx.method(), ctx.path(), e);
                String what = e.getMessage() == null ? "" : e.getMessage().replaceFirst(":.*$", "");
                write(ctx, 500, (what.isBlank() ? "Database error" : what) + " (details in the host log)", null);
                return true;
            }
        }
        return false;
    }

    void write(Context ctx, int status, String detail, String field) {
        String title = HttpStatus.forStatus(status).getMessage();
        detail = scrub(detail);
        Problem problem = Problem.of(status, title, detail, ctx.path(), field);
        ctx.attribute(PROBLEM_DETAIL, detail);
        try {
            ctx.status(status).contentType(Problem.CONTENT_TYPE).result(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise problem for " + ctx.path(), e);
        }
    }
}
