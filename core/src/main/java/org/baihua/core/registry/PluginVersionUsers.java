package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.plugin.PluginPin;
import org.baihua.core.plugin.PluginUsers;

/**
 * The registry's answer to "which models need this plugin version": every model version whose
 * lineage pins it and that is READY and not archived, or still queued or training. Attached to the
 * plugin host at start, it also asks the host to unload versions nobody needs after each archive
 * or delete.
 */
public final class PluginVersionUsers implements PluginUsers {

    private final ModelRegistry registry;

    @Inject
    public PluginVersionUsers(ModelRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /** Tells {@code plugins} who uses its versions and to unload unused ones whenever a version is retired. */
    public void attach(PluginHost plugins) {
        plugins.usedBy(this);
        registry.events().subscribe(event -> {
            if (event.kind().retires() || event.kind() == RegistryEvent.Kind.FAILED || event.kind() == RegistryEvent.Kind.CANCELLED) {
                plugins.retireUnused();
            }
        });
    }

    @Override
    public List<String> users(PluginPin pin) {
        List<String> users = new ArrayList<>();
        for (Model model : registry.models()) {
            for (ModelVersion v : registry.versions(model.name())) {
                Lineage lineage = v.lineage();
                boolean serves = v.state() == VersionState.READY && v.stage() != Stage.ARCHIVED;
                if ((serves || v.state().isActive()) && lineage.pluginId().equals(pin.pluginId())
                        && lineage.pluginVersion().equals(pin.version())) {
                    users.add(v.model() + " v" + v.version());
                }
            }
        }
        return users;
    }
}
