package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.baihua.core.auth.AccessControl;
import org.baihua.core.auth.Role;
import org.baihua.core.cluster.PluginSync;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.plugin.PluginInfo;
import org.baihua.core.plugin.PluginState;
import org.baihua.core.registry.UpgradeHistory;

/** {@code /api/v1/plugins}: the installed plugins, and installing, enabling, disabling and removing them. */
final class PluginRoutes implements RouteGroup {

    static final long MAX_PLUGIN_BYTES = 256L << 20;

    private final PluginHost plugins;
    private final PluginSync sync;
    private final UpgradeHistory history;

    @Inject
    PluginRoutes(PluginHost plugins, PluginSync sync, UpgradeHistory history) {
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.sync = requireNonNull(sync, "sync is null");
        this.history = requireNonNull(history, "history is null");
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
            String id = ctx.pathParam("id");
            boolean force = "true".equals(ctx.queryParam("force"));
            Map<String, PluginState> before = states(id, ctx.queryParam("version"));
            sync.delete(id, ctx.queryParam("version"), force);
            before.forEach((version, state) -> history.pluginChanged(caller(ctx), force ? "PLUGIN_FORCE_REMOVED" : "PLUGIN_REMOVED", id,
                    version, state.name(), null));
            ctx.status(204);
        }, Role.ADMIN);
        app.post("/api/v1/plugins/{id}/enable", ctx -> {
            QueryParameters.allow(ctx, VERSION);
            changeState(ctx, false);
        }, Role.ADMIN);
        app.post("/api/v1/plugins/{id}/disable", ctx -> {
            QueryParameters.allow(ctx, VERSION);
            changeState(ctx, true);
        }, Role.ADMIN);
    }

    /** Enables or disables, and records each version's state before and after in the history of the models pinning the plugin. */
    private void changeState(Context ctx, boolean disable) {
        String id = ctx.pathParam("id");
        String version = ctx.queryParam("version");
        Map<String, PluginState> before = states(id, version);
        PluginInfo info = disable ? sync.disable(id, version) : sync.enable(id, version);
        Map<String, PluginState> after = states(id, version);
        before.forEach((v, state) -> history.pluginChanged(caller(ctx), disable ? "PLUGIN_DISABLED" : "PLUGIN_ENABLED", id, v,
                state.name(), after.containsKey(v) ? after.get(v).name() : null));
        ctx.json(info);
    }

    /** The state of each installed version of plugin {@code id} (only {@code version} when not null). */
    private Map<String, PluginState> states(String id, String version) {
        Map<String, PluginState> states = new TreeMap<>();
        for (PluginInfo p : plugins.list()) {
            if (p.id().equals(id) && (version == null || version.equals(p.version()))) {
                states.put(p.version(), p.state());
            }
        }
        return states;
    }

    private static String caller(Context ctx) {
        return AccessControl.caller(ctx).name();
    }

    private static final Set<String> VERSION = Set.of("version");

    private void install(Context ctx) {
        QueryParameters.none(ctx);
        Uploads.requireContentType(ctx, Set.of("application/zip", "application/octet-stream", "application/x-zip-compressed"));
        Path zip = Uploads.toTempFile(ctx, MAX_PLUGIN_BYTES, ".zip");
        try {
            PluginInfo installed = sync.install(zip); // here, in the shared store, and so on every other host
            history.pluginChanged(caller(ctx), "PLUGIN_INSTALLED", installed.id(), installed.version(), null, installed.state().name());
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
