package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import jakarta.inject.Inject;
import java.util.Set;
import io.javalin.http.HandlerType;
import java.time.Instant;
import org.baihua.core.auth.AccessControl;
import org.baihua.core.auth.AuditLog;
import org.baihua.core.auth.Caller;
import org.baihua.core.config.HostConfig;
import org.baihua.core.metrics.DataDirSpace;

/** The host's HTTP server: one Javalin app configured in one place, routes contributed per feature. */
public final class HostServer implements AutoCloseable {

    /**
     * POST routes that change nothing: not audited, since a synchronous database write per
     * prediction would cost more than the prediction (measured: ~10 ms per request).
     */
    private static final Set<String> READ_ONLY_POSTS = Set.of("/api/v1/models/{name}/predict", "/api/v1/encoders/{id}/embed");

    private final HostConfig config;
    private final Javalin app;
    private final RequestGuard guard;

    @Inject
    public HostServer(HostConfig config, ObjectMapper mapper, Set<RouteGroup> routes, AccessControl access, AuditLog audit,
                      RegisteredRoutes registered, RequestGuard guard, DataDirSpace disk) {
        this.config = requireNonNull(config, "config is null");
        requireNonNull(mapper, "mapper is null");
        this.app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.jsonMapper(new JavalinJackson(mapper, false));
            javalin.http.defaultContentType = "application/json";
            javalin.http.prefer405over404 = true;
            javalin.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemHandler()));
            javalin.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JettyProblemHandler()));
            javalin.events(events -> events.handlerAdded(registered::added));
            Console.serve(javalin);
        });
        this.guard = requireNonNull(guard, "guard is null");
        new ErrorMapper(mapper, requireNonNull(disk, "disk is null"), config).install(app);
        app.before(guard::open);
        app.beforeMatched(requireNonNull(access, "access is null")::check);
        requireNonNull(audit, "audit is null");
        app.after(ctx -> {
            guard.close(ctx);
            if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD && ctx.method() != HandlerType.OPTIONS
                    && !ctx.endpointHandlerPath().isEmpty() && !"*".equals(ctx.endpointHandlerPath())
                    && !READ_ONLY_POSTS.contains(ctx.endpointHandlerPath())) {
                Caller caller = AccessControl.caller(ctx);
                audit.record(new AuditLog.Entry(Instant.now(), caller.name(), caller.role().toString(), ctx.method().name(),
                        ctx.path(), ctx.statusCode(), ctx.attribute(ErrorMapper.PROBLEM_DETAIL)));
            }
        });
        routes.forEach(group -> group.register(app));
    }

    /** Starts listening on the configured address and port. */
    public void start() {
        app.start(config.bind(), config.port());
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        guard.close();
    }
}
