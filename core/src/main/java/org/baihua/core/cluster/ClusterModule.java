package org.baihua.core.cluster;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;

/** Bindings of the change propagation between hosts sharing a database. */
public final class ClusterModule extends AbstractModule {

    private final ClusterConfig config;

    public ClusterModule(ClusterConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(ClusterConfig.class).toInstance(config);
        bind(ClusterSignals.class).in(Singleton.class);
        bind(VersionRelay.class).asEagerSingleton();
        bind(PluginSync.class).in(Singleton.class);
    }
}
