package org.baihua.core.plugin;

/**
 * An extension together with the plugin that contributed it.
 *
 * @param pluginId the contributing plugin
 * @param pluginVersion its version (recorded in model lineage)
 * @param extension the extension instance
 * @param <T> the extension point
 */
public record Contribution<T>(String pluginId, String pluginVersion, T extension) {}
