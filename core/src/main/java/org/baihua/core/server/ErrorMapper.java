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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into a problem+json response; unexpected ones are logged with the request. */
final class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    /** Request attribute holding the detail of an error response, for the audit log. */
    static final String PROBLEM_DETAIL = "baihua.problem.detail";

    private final ObjectMapper mapper;

    ErrorMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(Javalin app) {
        app.exception(BaihuaException.class, (e, ctx) -> {
            if (e instanceof org.baihua.core.OverloadedException overloaded) {
                ctx.header("Retry-After", Integer.toString(overloaded.retryAfterSeconds()));
            }
            String field = e instanceof InvalidRequestException invalid ? invalid.field() : null;
            write(ctx, e.kind().status, e.getMessage(), field);
        });
        app.exception(EncoderNotFoundException.class, (e, ctx) -> write(ctx, 404, e.getMessage(), null));
        app.exception(EncoderException.class, (e, ctx) -> write(ctx, 400, e.getMessage(), null));
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), e.getMessage(), null));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "Internal error: " + e.getClass().getSimpleName() + " (see the host log)", null);
        });
        app.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith(Problem.CONTENT_TYPE)) {
                write(ctx, 404, "No route for " + ctx.method() + " " + ctx.path(), null);
            }
        });
        app.error(405, ctx -> write(ctx, 405, "Method " + ctx.method() + " is not allowed on " + ctx.path(), null));
    }

    void write(Context ctx, int status, String detail, String field) {
        String title = HttpStatus.forStatus(status).getMessage();
        Problem problem = Problem.of(status, title, detail, ctx.path(), field);
        ctx.attribute(PROBLEM_DETAIL, detail);
        try {
            ctx.status(status).contentType(Problem.CONTENT_TYPE).result(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise problem for " + ctx.path(), e);
        }
    }
}
