package org.baihua.core.plugin;

/**
 * A plugin's state as the host reports it. PF4J's states, less the transient ones, plus FAILED
 * for plugins PF4J could not even load (bad descriptor, unsafe zip, host too old, duplicate id).
 */
public enum PluginState {
    /** Loaded and running; its extensions are in use. */
    STARTED,
    /** Loaded but stopped; its extensions are not in use. */
    STOPPED,
    /** Turned off by an operator; stays off across restarts until enabled. */
    DISABLED,
    /** Could not be loaded or started; see the failure reason. */
    FAILED,
    /**
     * An older version no model needs: its class loader was released, its zip is kept, and it loads
     * again when a model pinning it is served.
     */
    UNLOADED;

    static PluginState of(org.pf4j.PluginState state) {
        return switch (state) {
            case STARTED -> STARTED;
            case DISABLED -> DISABLED;
            case FAILED -> FAILED;
            default -> STOPPED;
        };
    }
}
