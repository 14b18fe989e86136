package org.baihua.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import org.baihua.sdk.HostInfo;

/** Bindings of the plugin feature. */
public final class PluginModule extends AbstractModule {

    private final PluginHostConfig config;

    public PluginModule(PluginHostConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(PluginHostConfig.class).toInstance(config);
        bind(PluginHost.class).in(Scopes.SINGLETON);
        bind(DomainCatalog.class).in(Scopes.SINGLETON);
        String version = config.hostVersion();
        bind(HostInfo.class).toInstance(() -> version);
    }
}
