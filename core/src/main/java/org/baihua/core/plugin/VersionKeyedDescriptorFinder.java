package org.baihua.core.plugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;

/**
 * Reads a descriptor as PF4J would, then gives the plugin the id {@code id@version}: PF4J keys
 * loaded plugins by id and refuses a second plugin with the same id, but the host serves several
 * versions of one plugin side by side, each with its own class loader. Plugin dependencies are
 * not carried over (the host refuses descriptors that declare them, see {@link DescriptorChecks}).
 */
final class VersionKeyedDescriptorFinder implements PluginDescriptorFinder {

    private final PluginDescriptorFinder delegate;

    VersionKeyedDescriptorFinder(PluginDescriptorFinder delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return delegate.isApplicable(pluginPath);
    }

    @Override
    public PluginDescriptor find(Path pluginPath) {
        PluginDescriptor d = delegate.find(pluginPath);
        String key = new PluginPin(d.getPluginId(), d.getVersion()).key();
        return new DefaultPluginDescriptor(key, d.getPluginDescription(), d.getPluginClass(), d.getVersion(), d.getRequires(),
                d.getProvider(), d.getLicense());
    }
}
