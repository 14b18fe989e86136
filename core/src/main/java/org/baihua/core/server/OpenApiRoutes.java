package org.baihua.core.server;

import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import org.baihua.core.auth.Role;

/**
 * {@code GET /api/openapi.json}: the hand-written OpenAPI 3 document of the REST API, served as it
 * is from the classpath. A singleton so that tests can list the routes the app really registered
 * and compare them with the document.
 */
@Singleton
final class OpenApiRoutes implements RouteGroup {

    /** Classpath location of the document; docs/openapi.json is the same file. */
    static final String RESOURCE = "/openapi/openapi.json";

    /**
     * A route as registered.
     *
     * @param method the HTTP method, upper case
     * @param path the path template, for example {@code /api/v1/models/{name}}
     * @param role the role it declares, or null when it declares none (access control then asks for reader)
     */
    record Route(String method, String path, Role role) {}

    private final byte[] document;
    private volatile Javalin app;

    OpenApiRoutes() {
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
        this.app = app;
        app.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(document), Role.NONE);
    }

    /** Every HTTP route the app registered, with the role it declares. */
    List<Route> registeredRoutes() {
        if (app == null) {
            throw new IllegalStateException("OpenApiRoutes is not registered with an app");
        }
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.getEndpoint())
                .filter(endpoint -> endpoint.getMethod().isHttpMethod())
                .map(OpenApiRoutes::route)
                .sorted(Comparator.comparing(Route::path).thenComparing(Route::method))
                .toList();
    }

    private static Route route(Endpoint endpoint) {
        Role declared = endpoint.getRoles().stream().filter(Role.class::isInstance).map(Role.class::cast).findFirst().orElse(null);
        return new Route(endpoint.getMethod().name(), endpoint.getPath(), declared);
    }
}
