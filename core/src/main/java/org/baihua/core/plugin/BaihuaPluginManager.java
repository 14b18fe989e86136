package org.baihua.core.plugin;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultPluginStatusProvider;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginRepository;

/**
 * PF4J's manager, set up for the host: plugins are loaded one by one from folders the host has
 * expanded (see {@link PluginHost}), each under the id {@code id@version} so that versions of one plugin
 * load side by side (see {@link VersionKeyedDescriptorFinder}), extensions are created by Guice once per plugin start (see
 * {@link CachingExtensionFactory}), and enabled/disabled state lives in the data directory so that
 * it survives re-expanding the zips.
 */
final class BaihuaPluginManager extends DefaultPluginManager {

    private final CachingExtensionFactory extensionFactory;

    BaihuaPluginManager(Path workRoot, Path stateDir, ExtensionFactory guiceFactory, String hostVersion) {
        super(List.of(workRoot));
        this.extensionFactory = new CachingExtensionFactory(guiceFactory);
        addPluginStateListener(extensionFactory);
        // initialize() ran in the super constructor, before these fields existed.
        this.pluginStatusProvider = new DefaultPluginStatusProvider(stateDir);
        setSystemVersion(hostVersion);
    }

    @Override
    public ExtensionFactory getExtensionFactory() {
        return extensionFactory;
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new VersionKeyedDescriptorFinder(super.createPluginDescriptorFinder());
    }

    @Override
    protected PluginRepository createPluginRepository() {
        // The host decides what to load; PF4J must not expand or scan on its own.
        return new PluginRepository() {
            @Override
            public List<Path> getPluginPaths() {
                return List.of();
            }

            @Override
            public boolean deletePluginPath(Path pluginPath) {
                PluginZips.deleteTree(pluginPath);
                return true;
            }
        };
    }
}
