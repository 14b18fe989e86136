package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.baihua.core.auth.Role;

/**
 * {@code GET /api/openapi.json}: the hand-written OpenAPI 3 document of the REST API, served as it
 * is from the classpath. Tests list the routes the app really registered ({@link RegisteredRoutes})
 * through it and compare them with the document.
 */
@Singleton
final class OpenApiRoutes implements RouteGroup {

    /** Classpath location of the document; docs/openapi.json is the same file. */
    static final String RESOURCE = "/openapi/openapi.json";

    /** A route as registered: method, path template and declared role. */
    record Route(String method, String path, Role role) {}

    private final byte[] document;
    private final RegisteredRoutes registered;

    @Inject
    OpenApiRoutes(RegisteredRoutes registered) {
        this.registered = requireNonNull(registered, "registered is null");
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The OpenAPI document " + RESOURCE + " is missing from the classpath");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document " + RESOURCE, e);
        }
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(document), Role.NONE);
    }

    /** Every HTTP route the app registered, with the role it declares. */
    List<Route> registeredRoutes() {
        return registered.all().stream().map(r -> new Route(r.method(), r.path(), r.role())).toList();
    }
}
