package org.baihua.core.plugin;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginState;
import org.pf4j.PluginStateEvent;
import org.pf4j.PluginStateListener;

/**
 * Creates each extension once per plugin start (PF4J's singleton-factory idea) and hands the same
 * instance to every lookup, so that a request does not build every redactor by reflection or make a
 * plugin re-read its resources. Instances are kept per plugin class loader and dropped as soon as
 * the plugin leaves STARTED (stop, disable, failure, unload): a restarted plugin gets new ones,
 * and an unloaded plugin's class loader is not kept reachable from here.
 */
final class CachingExtensionFactory implements ExtensionFactory, PluginStateListener {

    private final ExtensionFactory creator;
    private final Map<ClassLoader, Map<Class<?>, Object>> byLoader = new ConcurrentHashMap<>();

    /** @param creator what actually creates an extension (the Guice factory) */
    CachingExtensionFactory(ExtensionFactory creator) {
        this.creator = requireNonNull(creator, "creator is null");
    }

    @Override
    public <T> T create(Class<T> extensionClass) {
        ClassLoader loader = extensionClass.getClassLoader();
        Map<Class<?>, Object> instances = byLoader.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
        // computeIfAbsent creates at most once even when many request threads ask at the same moment.
        return extensionClass.cast(instances.computeIfAbsent(extensionClass, creator::create));
    }

    @Override
    public void pluginStateChanged(PluginStateEvent event) {
        if (event.getPluginState() != PluginState.STARTED) {
            ClassLoader loader = event.getPlugin().getPluginClassLoader();
            if (loader != null) {
                byLoader.remove(loader);
            }
        }
    }
}
