package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import org.baihua.core.auth.Role;
import jakarta.inject.Inject;
import java.util.List;
import org.baihua.core.inference.Warmup;
import org.baihua.core.metrics.DataDirSpace;
import org.baihua.core.plugin.DomainCatalog;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.plugin.PluginInfo;
import org.baihua.core.plugin.PluginState;
import org.baihua.sdk.HostInfo;

/**
 * {@code /api/v1/health}: UP while the host serves (DEGRADED when a production model is not serving),
 * with plugin counts and the data directory's free space ({@code diskLow} below {@code limits.disk-low-bytes});
 * {@code /api/v1/health/ready}: 503 until every production version that can serve is warm.
 */
final class HealthRoutes implements RouteGroup {

    record Health(String status, String version, long pluginsStarted, long pluginsFailed, int domains, long diskFreeBytes,
                  boolean diskLow, List<Warmup.NotServing> notServing) {}

    /** Answer of the readiness probe. */
    record Ready(String status, List<String> warming, List<Warmup.NotServing> notServing) {}

    private final PluginHost plugins;
    private final DomainCatalog domains;
    private final HostInfo host;
    private final DataDirSpace disk;

    private final Warmup warmup;

    @Inject
    HealthRoutes(PluginHost plugins, DomainCatalog domains, HostInfo host, DataDirSpace disk, Warmup warmup) {
        this.warmup = requireNonNull(warmup, "warmup is null");
        this.disk = requireNonNull(disk, "disk is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.host = requireNonNull(host, "host is null");
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/v1/health", ctx -> {
            QueryParameters.none(ctx);
            List<PluginInfo> all = plugins.list();
            List<Warmup.NotServing> notServing = warmup.readiness().notServing();
            ctx.json(new Health(notServing.isEmpty() ? "UP" : "DEGRADED", host.version(),
                    all.stream().filter(p -> p.state() == PluginState.STARTED).count(),
                    all.stream().filter(p -> p.state() == PluginState.FAILED).count(),
                    domains.domains().size(), disk.freeBytes(), disk.low(), notServing));
        }, Role.NONE);
        // Not ready while a production version or stored candidate that can serve is still cold; one that cannot serve is
        // reported but does not take the host out of rotation (every host would answer it the same).
        app.get("/api/v1/health/ready", ctx -> {
            QueryParameters.none(ctx);
            Warmup.Readiness readiness = warmup.readiness();
            if (!readiness.ready()) {
                throw new org.baihua.core.BaihuaException(org.baihua.core.BaihuaException.Kind.UNAVAILABLE, "Not ready: "
                        + (readiness.warming().isEmpty() ? "the production versions are being warmed up"
                                : "versions still warming: " + readiness.warming()));
            }
            ctx.json(new Ready(readiness.notServing().isEmpty() ? "READY" : "DEGRADED", readiness.warming(), readiness.notServing()));
        }, Role.NONE);
    }
}
