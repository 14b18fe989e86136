package org.baihua.core.plugin;

import java.util.Objects;

/**
 * Why a plugin is FAILED: the reason people read, and the exception behind it when there was one
 * (PF4J's model: a failed plugin keeps its cause). A finding of the host's own checks (an invalid
 * domain id, a duplicate task) has no exception.
 *
 * @param reason what went wrong, naming the plugin
 * @param cause the exception behind it, or null for a finding of the host's checks
 */
public record PluginFailure(String reason, Throwable cause) {

    public PluginFailure {
        Objects.requireNonNull(reason, "reason is null");
    }

    /** A finding of the host's checks, without an exception. */
    static PluginFailure finding(String reason) {
        return new PluginFailure(reason, null);
    }
}
