package org.baihua.core.plugin;

import java.util.List;

/**
 * What the host knows of one installed plugin.
 *
 * @param id the plugin id (for a plugin whose descriptor could not be read: its file name)
 * @param version the plugin version, or null if unknown
 * @param state its state
 * @param description the descriptor's description, or empty
 * @param provider who made it, or empty
 * @param requires the host version range it needs, or empty
 * @param domains ids of the domains it contributes while started
 * @param failureReason why it is FAILED, else null
 * @param file the plugin's file name in the plugins directory
 * @param current whether new training uses this version (the newest started version of the id)
 * @param pinnedBy the model versions whose lineage pins this version and that serve or train ({@code model vN})
 */
public record PluginInfo(String id, String version, PluginState state, String description, String provider,
                         String requires, List<String> domains, String failureReason, String file, boolean current,
                         List<String> pinnedBy) {

    /** A plugin version nobody pins, not (yet) the current one. */
    public PluginInfo(String id, String version, PluginState state, String description, String provider,
                      String requires, List<String> domains, String failureReason, String file) {
        this(id, version, state, description, provider, requires, domains, failureReason, file, false, List.of());
    }

    public PluginInfo {
        domains = List.copyOf(domains);
        pinnedBy = List.copyOf(pinnedBy);
        description = description == null ? "" : description;
        provider = provider == null ? "" : provider;
        requires = requires == null ? "" : requires;
    }
}
