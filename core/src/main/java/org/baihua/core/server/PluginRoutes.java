package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import org.baihua.core.auth.Role;
import jakarta.inject.Inject;
import org.baihua.core.plugin.PluginHost;

/** {@code /api/v1/plugins}: the installed plugins with their state and failure reasons. */
final class PluginRoutes implements RouteGroup {

    private final PluginHost plugins;

    @Inject
    PluginRoutes(PluginHost plugins) {
        this.plugins = requireNonNull(plugins, "plugins is null");
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/v1/plugins", ctx -> ctx.json(plugins.list()), Role.READER);
        app.get("/api/v1/plugins/{id}", ctx -> ctx.json(plugins.info(ctx.pathParam("id"))), Role.READER);
    }
}
