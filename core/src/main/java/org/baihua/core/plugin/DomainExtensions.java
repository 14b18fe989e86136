package org.baihua.core.plugin;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.baihua.core.InvalidRequestException;
import org.baihua.sdk.DataAdapter;
import org.baihua.sdk.HeadDesigner;
import org.baihua.sdk.Preprocessor;
import org.baihua.sdk.Redactor;
import org.baihua.sdk.SampleData;

/**
 * Finds the extensions that serve a domain's tasks: data adapters (the domain's own plugin first,
 * then the host's built-in ones), redactors, preprocessors, head designers and samples. Looked up
 * live, so a stopped plugin's extensions leave service at once.
 */
public final class DomainExtensions {

    private final PluginHost plugins;
    private final DomainCatalog domains;
    private final List<DataAdapter> builtInAdapters;

    @Inject
    public DomainExtensions(PluginHost plugins, DomainCatalog domains, BuiltInAdapters builtIns) {
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.builtInAdapters = List.copyOf(builtIns.adapters());
    }

    /** The adapter for a format: the domain's plugin's own first, then the host's. */
    public DataAdapter adapter(String domainId, String format) {
        String pluginId = domains.domain(domainId).pluginId();
        for (Contribution<DataAdapter> c : plugins.extensions(DataAdapter.class)) {
            if (c.pluginId().equals(pluginId) && c.extension().format().equals(format)) {
                return c.extension();
            }
        }
        return builtInAdapters.stream().filter(a -> a.format().equals(format)).findFirst()
                .orElseThrow(() -> new InvalidRequestException("format", "Domain '" + domainId + "' has no adapter for format '" + format
                        + "'; its formats: " + formats(domainId)));
    }

    /** Every format the domain can read. */
    public List<String> formats(String domainId) {
        String pluginId = domains.domain(domainId).pluginId();
        List<String> formats = new ArrayList<>();
        plugins.extensions(DataAdapter.class).stream().filter(c -> c.pluginId().equals(pluginId))
                .forEach(c -> formats.add(c.extension().format()));
        builtInAdapters.forEach(a -> {
            if (!formats.contains(a.format())) {
                formats.add(a.format());
            }
        });
        return formats;
    }

    /** The redactors that apply to the domain, in plugin order. */
    public List<Contribution<Redactor>> redactors(String domainId) {
        return redactors(domainId, null);
    }

    /** The redactors that apply to the domain, with the pinned plugin version (null: current versions). */
    public List<Contribution<Redactor>> redactors(String domainId, PluginPin pin) {
        return plugins.extensions(Redactor.class, pin).stream().filter(c -> c.extension().appliesTo(domainId)).toList();
    }

    /** The preprocessors that apply to a task, in plugin order. */
    public List<Contribution<Preprocessor>> preprocessors(String domainId, String taskId) {
        return preprocessors(domainId, taskId, null);
    }

    /** The preprocessors that apply to a task, with the pinned plugin version (null: current versions). */
    public List<Contribution<Preprocessor>> preprocessors(String domainId, String taskId, PluginPin pin) {
        return plugins.extensions(Preprocessor.class, pin).stream().filter(c -> c.extension().appliesTo(domainId, taskId)).toList();
    }

    /** The head designer for a task, if a plugin offers one (the domain's own plugin first). */
    public Optional<HeadDesigner> headDesigner(String domainId, String taskId) {
        return headDesigner(domainId, taskId, null);
    }

    /** The head designer for a task with the pinned plugin version (null: current versions). */
    public Optional<HeadDesigner> headDesigner(String domainId, String taskId, PluginPin pin) {
        String pluginId = domains.domain(domainId, pin).pluginId();
        List<Contribution<HeadDesigner>> all = plugins.extensions(HeadDesigner.class, pin).stream()
                .filter(c -> c.extension().appliesTo(domainId, taskId)).toList();
        return all.stream().filter(c -> c.pluginId().equals(pluginId)).findFirst().or(() -> all.stream().findFirst())
                .map(Contribution::extension);
    }

    /** The samples every started plugin ships, with their plugin. */
    public List<Contribution<SampleData>> samples() {
        return plugins.extensions(SampleData.class);
    }

    /** The host's own adapters, offered to every domain. */
    public interface BuiltInAdapters {
        /** The adapters. */
        List<DataAdapter> adapters();
    }
}
