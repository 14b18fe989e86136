package org.baihua.core.inference;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.baihua.core.registry.Model;

/**
 * Production versions another host changed without this host hearing of it: a notification lost with
 * its connection, a host killed between its commit and its notify, or {@code cluster.notify=false}.
 * Each {@link #poll} reads the models' production versions from the shared registry and hands those
 * that changed since the previous poll (all of them at the first) to a listener, which is called
 * again for a version it has been handed before only if production moved away from it in between.
 */
final class ProductionChanges {

    private final Supplier<List<Model>> models;
    private final BiConsumer<String, Integer> changed;
    private final Map<String, Integer> seen = new HashMap<>();

    ProductionChanges(Supplier<List<Model>> models, BiConsumer<String, Integer> changed) {
        this.models = requireNonNull(models, "models is null");
        this.changed = requireNonNull(changed, "changed is null");
    }

    /** Reads the production versions and reports the ones that changed since the previous poll. */
    synchronized void poll() {
        Map<String, Integer> now = new HashMap<>();
        for (Model model : models.get()) {
            Integer production = model.productionVersion();
            if (production != null) {
                now.put(model.name(), production);
                if (!production.equals(seen.get(model.name()))) {
                    changed.accept(model.name(), production);
                }
            }
        }
        // a model without production is forgotten: promoting the same version again is a change
        seen.clear();
        seen.putAll(now);
    }
}
