package org.baihua.core.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's record of failed plugins: those PF4J never loaded (bad zip, descriptor, host version,
 * duplicate id), kept by id or file name, and loaded ones that failed to start or verify. Each
 * failure is logged once, with its stack when it has an exception. Not thread-safe: the
 * {@link PluginHost} lock guards it.
 */
final class PluginFailures {

    private static final Logger log = LoggerFactory.getLogger(PluginFailures.class);

    /** A plugin PF4J never loaded: what the host can say of it, and why. */
    private record NotLoaded(PluginInfo info, PluginFailure failure) {}

    private final Map<String, NotLoaded> notLoaded = new LinkedHashMap<>();
    private final Map<String, PluginFailure> notStarted = new LinkedHashMap<>();

    /** Records a zip that could not be loaded, under the plugin id or, when unreadable, the file name. */
    void loadFailed(PluginException e, Path zip) {
        PluginFailure failure = new PluginFailure(e.getMessage(), e.getCause() != null ? e.getCause() : e);
        logOnce(failure);
        PluginInfo info = new PluginInfo(e.pluginId(), null, PluginState.FAILED, "", "", "", List.of(), failure.reason(),
                zip.getFileName().toString());
        notLoaded.put(e.pluginId(), new NotLoaded(info, failure));
    }

    /** Records why a loaded plugin could not start or failed verification. */
    void startFailed(String id, PluginFailure failure) {
        logOnce(failure);
        notStarted.put(id, failure);
    }

    /** Forgets that a loaded plugin failed (it is starting again, or leaving). */
    void clearStart(String id) {
        notStarted.remove(id);
    }

    /** Forgets a plugin that was never loaded; returns what was recorded of it. */
    Optional<PluginInfo> clearLoad(String id) {
        NotLoaded removed = notLoaded.remove(id);
        return Optional.ofNullable(removed).map(NotLoaded::info);
    }

    /** Forgets every failure of a plugin. */
    void clear(String id) {
        notStarted.remove(id);
        notLoaded.remove(id);
    }

    /** Why a loaded plugin is FAILED, if it is. */
    Optional<PluginFailure> startFailure(String id) {
        return Optional.ofNullable(notStarted.get(id));
    }

    /** Whether a loaded plugin is FAILED. */
    boolean startFailed(String id) {
        return notStarted.containsKey(id);
    }

    /** What is known of a plugin that was never loaded, if it is one. */
    Optional<PluginInfo> notLoaded(String id) {
        return Optional.ofNullable(notLoaded.get(id)).map(NotLoaded::info);
    }

    /** Every plugin that was never loaded. */
    List<PluginInfo> notLoaded() {
        List<PluginInfo> all = new ArrayList<>();
        notLoaded.values().forEach(n -> all.add(n.info()));
        return all;
    }

    /** The failure of a plugin, loaded or not. */
    Optional<PluginFailure> failure(String id) {
        NotLoaded n = notLoaded.get(id);
        return n != null ? Optional.of(n.failure()) : startFailure(id);
    }

    private static void logOnce(PluginFailure failure) {
        // The stack is what an operator needs to find the bug in the plugin; later reports carry the reason only.
        if (failure.cause() != null) {
            log.warn("{}", failure.reason(), failure.cause());
        } else {
            log.warn("{}", failure.reason());
        }
    }
}
