package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.baihua.core.auth.Role;
import org.baihua.core.cluster.PluginSync;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.plugin.PluginInfo;

/** {@code /api/v1/plugins}: the installed plugins, and installing, enabling, disabling and removing them. */
final class PluginRoutes implements RouteGroup {

    static final long MAX_PLUGIN_BYTES = 256L << 20;

    private final PluginHost plugins;
    private final PluginSync sync;

    @Inject
    PluginRoutes(PluginHost plugins, PluginSync sync) {
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.sync = requireNonNull(sync, "sync is null");
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/v1/plugins", ctx -> {
            QueryParameters.none(ctx);
            ctx.json(plugins.list());
        }, Role.READER);
        app.get("/api/v1/plugins/{id}", ctx -> {
            QueryParameters.allow(ctx, VERSION);
            ctx.json(plugins.info(ctx.pathParam("id"), ctx.queryParam("version")));
        }, Role.READER);
        app.post("/api/v1/plugins", this::install, Role.ADMIN);
        app.delete("/api/v1/plugins/{id}", ctx -> {
            QueryParameters.allow(ctx, Set.of("version", "force"));
            sync.delete(ctx.pathParam("id"), ctx.queryParam("version"), "true".equals(ctx.queryParam("force")));
            ctx.status(204);
        }, Role.ADMIN);
        app.post("/api/v1/plugins/{id}/enable", ctx -> {
            QueryParameters.allow(ctx, VERSION);
            ctx.json(sync.enable(ctx.pathParam("id"), ctx.queryParam("version")));
        }, Role.ADMIN);
        app.post("/api/v1/plugins/{id}/disable", ctx -> {
            QueryParameters.allow(ctx, VERSION);
            ctx.json(sync.disable(ctx.pathParam("id"), ctx.queryParam("version")));
        }, Role.ADMIN);
    }

    private static final Set<String> VERSION = Set.of("version");

    private void install(Context ctx) {
        QueryParameters.none(ctx);
        Uploads.requireContentType(ctx, Set.of("application/zip", "application/octet-stream", "application/x-zip-compressed"));
        Path zip = Uploads.toTempFile(ctx, MAX_PLUGIN_BYTES, ".zip");
        try {
            PluginInfo installed = sync.install(zip); // here, in the shared store, and so on every other host
            ctx.status(201).json(installed);
        } finally {
            try {
                Files.deleteIfExists(zip);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete upload " + zip, e);
            }
        }
    }
}
