package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import org.baihua.core.auth.Role;
import jakarta.inject.Inject;
import java.util.List;
import org.baihua.core.metrics.DataDirSpace;
import org.baihua.core.plugin.DomainCatalog;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.plugin.PluginInfo;
import org.baihua.core.plugin.PluginState;
import org.baihua.sdk.HostInfo;

/** {@code /api/v1/health}: UP while the host serves, with plugin counts and the data directory's free space ({@code diskLow} below {@code limits.disk-low-bytes}). */
final class HealthRoutes implements RouteGroup {

    record Health(String status, String version, long pluginsStarted, long pluginsFailed, int domains, long diskFreeBytes,
                  boolean diskLow) {}

    private final PluginHost plugins;
    private final DomainCatalog domains;
    private final HostInfo host;
    private final DataDirSpace disk;

    @Inject
    HealthRoutes(PluginHost plugins, DomainCatalog domains, HostInfo host, DataDirSpace disk) {
        this.disk = requireNonNull(disk, "disk is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.host = requireNonNull(host, "host is null");
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/v1/health", ctx -> {
            List<PluginInfo> all = plugins.list();
            ctx.json(new Health("UP", host.version(),
                    all.stream().filter(p -> p.state() == PluginState.STARTED).count(),
                    all.stream().filter(p -> p.state() == PluginState.FAILED).count(),
                    domains.domains().size(), disk.freeBytes(), disk.low()));
        }, Role.NONE);
    }
}
