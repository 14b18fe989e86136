package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records upgrade changes in the history of the models they affect: a plugin version installed, removed (or
 * force-removed), enabled or disabled goes to every model that has a version (in any state, archived included) whose
 * lineage names that plugin id, since each such model may serve, retrain on or be rolled back to that plugin; a
 * retraining goes to its model. These changes happen outside the registry's database (plugin files, the job queue),
 * so they are recorded just after they succeed; a history write that fails is logged with its context and does not
 * undo or fail the change already made.
 */
public final class UpgradeHistory {

    private static final Logger log = LoggerFactory.getLogger(UpgradeHistory.class);

    private final ModelRegistry registry;
    private final RolloutStore store;

    @Inject
    public UpgradeHistory(ModelRegistry registry, RolloutStore store) {
        this.registry = requireNonNull(registry, "registry is null");
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * Records a change of plugin version {@code pluginId@version}.
     *
     * @param kind PLUGIN_INSTALLED, PLUGIN_REMOVED, PLUGIN_FORCE_REMOVED, PLUGIN_ENABLED or PLUGIN_DISABLED
     * @param before the version's state before (null: not installed)
     * @param after its state after (null: removed)
     */
    public void pluginChanged(String caller, String kind, String pluginId, String version, String before, String after) {
        String plugin = pluginId + "@" + version;
        try {
            store.record(modelsPinning(pluginId), new RolloutStore.Change(Instant.now(), caller, kind, null, null, null, null, null,
                    null, plugin, before, after));
        } catch (RuntimeException e) {
            log.warn("Plugin {} was {} by {} ({} -> {}) but the history of the models pinning it could not record it: {}", plugin,
                    kind, caller, before, after, e.getMessage(), e);
        }
    }

    /** Records that {@code queued} retrains {@code from} (RETRAINED: from version, new version, plugin version before and after). */
    public void retrained(String caller, ModelVersion from, ModelVersion queued) {
        try {
            store.record(List.of(from.model()), new RolloutStore.Change(Instant.now(), caller, "RETRAINED", queued.version(), null,
                    null, null, null, from.version(), from.lineage().pluginId(), from.lineage().pluginVersion(),
                    queued.lineage().pluginVersion()));
        } catch (RuntimeException e) {
            log.warn("Model '{}' version {} retrains version {} (plugin {} {} -> {}, by {}) but its history could not record it: {}",
                    from.model(), queued.version(), from.version(), from.lineage().pluginId(), from.lineage().pluginVersion(),
                    queued.lineage().pluginVersion(), caller, e.getMessage(), e);
        }
    }

    /** The models with a version whose lineage names {@code pluginId}. */
    private List<String> modelsPinning(String pluginId) {
        List<String> models = new ArrayList<>();
        for (Model model : registry.models()) {
            if (registry.versions(model.name()).stream().anyMatch(v -> v.lineage().pluginId().equals(pluginId))) {
                models.add(model.name());
            }
        }
        return models;
    }
}
