package org.baihua.core.server;

import io.javalin.Javalin;
import org.baihua.core.auth.AccessControl;
import org.baihua.core.auth.Caller;
import org.baihua.core.auth.Role;

/** {@code /api/v1/me}: who the key belongs to and its role, so that a client offers only what the role may do. */
final class CallerRoutes implements RouteGroup {

    /** REST view of the caller. */
    record Me(String name, String role) {}

    @Override
    public void register(Javalin app) {
        app.get("/api/v1/me", ctx -> {
            QueryParameters.none(ctx);
            Caller caller = AccessControl.caller(ctx);
            ctx.json(new Me(caller.name(), caller.role().toString()));
        }, Role.READER);
    }
}
