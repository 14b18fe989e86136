package org.baihua.core.server;

import io.javalin.event.HandlerMetaInfo;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.baihua.core.auth.Role;

/**
 * The HTTP routes the app registered, with the role each declares, as Javalin reports them through
 * its public {@code handlerAdded} event: tests compare them with the OpenAPI document and the
 * access rules.
 */
@Singleton
final class RegisteredRoutes {

    /**
     * A route as registered.
     *
     * @param method the HTTP method, upper case
     * @param path the path template, for example {@code /api/v1/models/{name}}
     * @param role the role it declares, or null when it declares none (access control then asks for reader)
     */
    record Route(String method, String path, Role role) {}

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** Records one handler; before/after filters are not routes. */
    void added(HandlerMetaInfo handler) {
        if (handler.getHttpMethod().isHttpMethod()) {
            Role declared = handler.getRoles().stream().filter(Role.class::isInstance).map(Role.class::cast).findFirst()
                    .orElse(null);
            routes.add(new Route(handler.getHttpMethod().name(), handler.getPath(), declared));
        }
    }

    /** Every route, by path then method. */
    List<Route> all() {
        return routes.stream().sorted(Comparator.comparing(Route::path).thenComparing(Route::method)).toList();
    }
}
