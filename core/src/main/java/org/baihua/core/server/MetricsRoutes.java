package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.baihua.core.auth.Role;

/**
 * {@code /metrics} in Prometheus text format, and the HTTP meters: requests by method, route
 * template (not the raw path, to bound cardinality) and status, with latency histograms.
 */
final class MetricsRoutes implements RouteGroup {

    private static final String STARTED = "baihua.request.started";

    private final PrometheusMeterRegistry registry;

    @Inject
    MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public void register(Javalin app) {
        app.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        app.after(ctx -> {
            Long started = ctx.attribute(STARTED);
            if (started == null) {
                return;
            }
            String route = ctx.endpointHandlerPath();
            Timer.builder("http.server.requests")
                    .tag("method", ctx.method().name())
                    .tag("route", route == null || !route.startsWith("/") ? "unmatched" : route)
                    .tag("status", Integer.toString(ctx.statusCode()))
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()), Role.NONE);
    }
}
