package org.baihua.core.plugin;

import java.util.List;

/**
 * Who needs a plugin version: the model versions whose lineage pins it and that serve or will
 * serve (READY and not archived, or still training). The plugin host asks before it removes or
 * unloads a version; the registry answers (the plugin package does not depend on it).
 */
@FunctionalInterface
public interface PluginUsers {

    /** Nobody: what the host assumes until the registry is wired in. */
    PluginUsers NONE = pin -> List.of();

    /** The model versions pinning {@code pin}, as {@code model vN}, sorted; empty if none. */
    List<String> users(PluginPin pin);
}
