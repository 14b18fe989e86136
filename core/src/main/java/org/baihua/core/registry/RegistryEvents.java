package org.baihua.core.registry;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners to the registry's {@link RegistryEvent}s, called on the thread that made the change,
 * after its commit. A listener that throws is logged and kept; the change and the other listeners
 * go on, since the change is already durable.
 */
public final class RegistryEvents {

    private static final Logger log = LoggerFactory.getLogger(RegistryEvents.class);

    private final List<Consumer<RegistryEvent>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; returns the handle that removes it. */
    public Runnable subscribe(Consumer<RegistryEvent> listener) {
        Objects.requireNonNull(listener, "listener is null");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Publishes a change another host made and announced (its transaction committed there): this
     * host's listeners get it marked {@link RegistryEvent#fromAnotherHost()}, so they refresh their
     * caches without recording or relaying it a second time.
     */
    public void publishFromAnotherHost(RegistryEvent event) {
        publish(new RegistryEvent(event.kind(), event.model(), event.version(), true));
    }

    void publish(RegistryEvent event) {
        for (Consumer<RegistryEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("A registry listener failed on {} of model '{}' version {}", event.kind(), event.model(),
                        event.version(), e);
            }
        }
    }
}
