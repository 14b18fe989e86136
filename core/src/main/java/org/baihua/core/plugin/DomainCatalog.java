package org.baihua.core.plugin;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import org.baihua.core.NotFoundException;
import org.baihua.sdk.Domain;
import org.baihua.sdk.TaskSpec;

/**
 * The domains of the started plugins, looked up live so a stopped plugin's domains disappear at once.
 * Without a pin, the current version of each plugin; with one, that plugin's pinned version.
 */
public final class DomainCatalog {

    /**
     * A domain with the plugin that contributes it.
     *
     * @param pluginId the plugin
     * @param pluginVersion its version
     * @param domain the domain
     */
    public record Entry(String pluginId, String pluginVersion, Domain domain) {}

    private final PluginHost plugins;

    @Inject
    public DomainCatalog(PluginHost plugins) {
        this.plugins = requireNonNull(plugins, "plugins is null");
    }

    /** All domains of the current plugin versions, sorted by id. */
    public List<Entry> domains() {
        return domains(null);
    }

    /** All domains, with plugin {@code pin.pluginId()} at version {@code pin.version()} (null: current versions). */
    public List<Entry> domains(PluginPin pin) {
        return plugins.extensions(Domain.class, pin).stream()
                .map(c -> new Entry(c.pluginId(), c.pluginVersion(), c.extension()))
                .sorted(Comparator.comparing(e -> e.domain().id()))
                .toList();
    }

    /** One domain, or a 404 naming the known ones. */
    public Entry domain(String id) {
        return domain(id, null);
    }

    /** One domain as the pinned plugin version contributes it (null: the current version), or a 404 naming the known ones. */
    public Entry domain(String id, PluginPin pin) {
        List<Entry> all = domains(pin);
        return all.stream().filter(e -> e.domain().id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("Domain '" + id + "' is not provided by any started plugin; known domains: "
                        + all.stream().map(e -> e.domain().id()).toList()));
    }

    /**
     * A domain as version {@code pluginVersion} of the plugin that now provides it contributes it
     * (an unloaded version is loaded again), or a 404 naming the installed versions.
     */
    public Entry domainAt(String id, String pluginVersion) {
        Entry current = domain(id);
        if (pluginVersion == null || pluginVersion.equals(current.pluginVersion())) {
            return current;
        }
        PluginPin pin = new PluginPin(current.pluginId(), pluginVersion);
        if (!plugins.ensureLoaded(pin)) {
            throw new NotFoundException("Plugin '" + current.pluginId() + "' has no started version " + pluginVersion + ": "
                    + plugins.unavailable(pin).orElse("not started") + "; its versions: " + plugins.list().stream()
                            .filter(p -> p.id().equals(current.pluginId())).map(p -> p.version() + " " + p.state()).toList());
        }
        return domain(id, pin);
    }

    /** One task of one domain, or a 404 naming the domain's tasks. */
    public TaskSpec task(String domainId, String taskId) {
        return task(domainId, taskId, null);
    }

    /** One task of one domain as the pinned plugin version declares it (null: the current version). */
    public TaskSpec task(String domainId, String taskId, PluginPin pin) {
        Entry entry = domain(domainId, pin);
        List<TaskSpec> tasks = entry.domain().tasks();
        return tasks.stream().filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> new NotFoundException("Domain '" + domainId + "' has no task '" + taskId + "'; its tasks: "
                        + tasks.stream().map(TaskSpec::id).toList()));
    }
}
