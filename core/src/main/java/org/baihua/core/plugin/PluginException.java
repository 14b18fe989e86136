package org.baihua.core.plugin;

import org.baihua.core.BaihuaException;

/** A plugin could not be installed, loaded or started; the message names the plugin and the reason. */
public class PluginException extends BaihuaException {

    private final String pluginId;

    public PluginException(Kind kind, String pluginId, String message) {
        super(kind, message);
        this.pluginId = pluginId;
    }

    public PluginException(Kind kind, String pluginId, String message, Throwable cause) {
        super(kind, message, cause);
        this.pluginId = pluginId;
    }

    /** The plugin at fault (its id, or its file name if the id could not be read). */
    public String pluginId() {
        return pluginId;
    }
}
