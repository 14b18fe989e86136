package org.baihua.core.plugin;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import org.baihua.core.NotFoundException;
import org.baihua.sdk.Domain;
import org.baihua.sdk.TaskSpec;

/** The domains of the started plugins, looked up live so a stopped plugin's domains disappear at once. */
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

    /** All domains, sorted by id. */
    public List<Entry> domains() {
        return plugins.extensions(Domain.class).stream()
                .map(c -> new Entry(c.pluginId(), c.pluginVersion(), c.extension()))
                .sorted(Comparator.comparing(e -> e.domain().id()))
                .toList();
    }

    /** One domain, or a 404 naming the known ones. */
    public Entry domain(String id) {
        List<Entry> all = domains();
        return all.stream().filter(e -> e.domain().id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("Domain '" + id + "' is not provided by any started plugin; known domains: "
                        + all.stream().map(e -> e.domain().id()).toList()));
    }

    /** One task of one domain, or a 404 naming the domain's tasks. */
    public TaskSpec task(String domainId, String taskId) {
        Entry entry = domain(domainId);
        List<TaskSpec> tasks = entry.domain().tasks();
        return tasks.stream().filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> new NotFoundException("Domain '" + domainId + "' has no task '" + taskId + "'; its tasks: "
                        + tasks.stream().map(TaskSpec::id).toList()));
    }
}
