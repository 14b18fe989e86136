package org.baihua.core.plugin;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is told, with the plugin version, when a plugin's extensions leave service (stop, disable,
 * unload, delete). A listener that throws is logged and the others are still told, so that one
 * bad listener cannot keep a plugin in service elsewhere.
 */
final class RemovalListeners {

    private static final Logger log = LoggerFactory.getLogger(RemovalListeners.class);

    private final List<Consumer<PluginPin>> listeners = new CopyOnWriteArrayList<>();

    void add(Consumer<PluginPin> listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    void fire(PluginPin pin) {
        for (Consumer<PluginPin> listener : listeners) {
            try {
                listener.accept(pin);
            } catch (RuntimeException e) {
                log.error("A listener failed on the removal of plugin {}", pin, e);
            }
        }
    }
}
