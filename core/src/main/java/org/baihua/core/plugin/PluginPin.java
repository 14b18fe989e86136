package org.baihua.core.plugin;

import static java.util.Objects.requireNonNull;

/**
 * One version of one plugin, as a model version's lineage names it. Several versions of a plugin
 * may be loaded at once, each with its own class loader; a pin selects one of them.
 *
 * @param pluginId the plugin id
 * @param version the plugin version
 */
public record PluginPin(String pluginId, String version) {

    private static final char SEPARATOR = '@';

    public PluginPin {
        requireNonNull(pluginId, "pluginId is null");
        requireNonNull(version, "version is null");
    }

    /**
     * The id PF4J knows this version by: {@code id@version}. PF4J keys plugins by id, so the host
     * hands it ids made unique per version ({@code @} cannot occur in a plugin id).
     */
    String key() {
        return pluginId + SEPARATOR + version;
    }

    /** The pin of a PF4J key made by {@link #key()}. */
    static PluginPin ofKey(String key) {
        int at = key.indexOf(SEPARATOR);
        if (at < 0) {
            throw new IllegalArgumentException("not a versioned plugin key: " + key);
        }
        return new PluginPin(key.substring(0, at), key.substring(at + 1));
    }

    @Override
    public String toString() {
        return pluginId + " " + version;
    }
}
