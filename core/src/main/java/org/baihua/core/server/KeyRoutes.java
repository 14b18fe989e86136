package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import jakarta.inject.Inject;
import org.baihua.core.auth.KeyStore;
import org.baihua.core.auth.Role;

/** {@code /api/v1/keys}: list the API keys (names, roles, created, last used; never the keys) and revoke one at once. */
final class KeyRoutes implements RouteGroup {

    private final KeyStore keys;

    @Inject
    KeyRoutes(KeyStore keys) {
        this.keys = requireNonNull(keys, "keys is null");
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/v1/keys", ctx -> {
            QueryParameters.none(ctx);
            ctx.json(keys.list());
        }, Role.ADMIN);
        app.delete("/api/v1/keys/{name}", ctx -> {
            QueryParameters.none(ctx);
            keys.revoke(ctx.pathParam("name"));
            ctx.status(204);
        }, Role.ADMIN);
    }
}
