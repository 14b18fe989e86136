package org.baihua.core.server;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

/** Bindings of the HTTP server and the route groups of the features that have landed. */
public final class ServerModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(HostServer.class).in(Scopes.SINGLETON);
        bind(RequestGuard.class).in(Scopes.SINGLETON);
        Multibinder<RouteGroup> routes = Multibinder.newSetBinder(binder(), RouteGroup.class);
        routes.addBinding().to(HealthRoutes.class);
        routes.addBinding().to(PluginRoutes.class);
        routes.addBinding().to(DomainRoutes.class);
        routes.addBinding().to(MetricsRoutes.class);
        routes.addBinding().to(DatasetRoutes.class);
        routes.addBinding().to(ModelRoutes.class);
        routes.addBinding().to(BatchRoutes.class);
        routes.addBinding().to(RolloutRoutes.class);
        routes.addBinding().to(JobRoutes.class);
        routes.addBinding().to(EncoderRoutes.class);
        routes.addBinding().to(OpenApiRoutes.class);
        routes.addBinding().to(CallerRoutes.class);
        routes.addBinding().to(KeyRoutes.class);
    }
}
