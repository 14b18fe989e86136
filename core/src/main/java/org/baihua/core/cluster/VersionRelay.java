package org.baihua.core.cluster;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import org.baihua.core.registry.RegistryEvent;
import org.baihua.core.registry.RegistryEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries promote, rollback, archive and delete to the other hosts' listeners (the predictor drops
 * the session of a version archived or deleted on another host), marked
 * {@link RegistryEvent#fromAnotherHost()}: they are neither sent back nor recorded a second time. Serving does not wait for it: each
 * prediction reads the production version from the database, so a promote is served everywhere at
 * the next request. Without a notification (a lost one, or {@code cluster.notify=false}) a retired
 * version's session stays loaded on the other hosts until restart, and is never served since the
 * registry no longer names it.
 */
public final class VersionRelay {

    static final String TOPIC = "versions";
    private static final Logger log = LoggerFactory.getLogger(VersionRelay.class);

    private final RegistryEvents events;

    @Inject
    public VersionRelay(RegistryEvents events, ClusterSignals signals) {
        this.events = requireNonNull(events, "events is null");
        events.subscribe(event -> {
            if (!event.fromAnotherHost() && (event.kind() == RegistryEvent.Kind.PROMOTED || event.kind().retires())) {
                signals.send(TOPIC, event.kind() + " " + event.model() + " " + event.version());
            }
        });
        signals.subscribe(TOPIC, this::receive);
    }

    private void receive(String payload) {
        String[] parts = payload.split(" ");
        RegistryEvent event;
        try {
            event = new RegistryEvent(RegistryEvent.Kind.valueOf(parts[0]), parts[1], Integer.parseInt(parts[2]));
        } catch (RuntimeException e) {
            log.warn("Ignoring a malformed version notification '{}'", payload);
            return;
        }
        events.publishFromAnotherHost(event); // marked as such, so not sent back
    }
}
