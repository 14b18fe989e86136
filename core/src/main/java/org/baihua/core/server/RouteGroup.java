package org.baihua.core.server;

import io.javalin.Javalin;

/** A feature's REST routes; each feature contributes one through a Guice multibinder. */
public interface RouteGroup {

    /** Adds this group's routes to the app. */
    void register(Javalin app);
}
