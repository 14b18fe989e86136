package org.baihua.core.cluster;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.baihua.core.plugin.PluginArchive;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.plugin.PluginInfo;
import org.baihua.core.plugin.PluginState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugins installed, removed, enabled or disabled through the API on one host, on every host: the
 * zip of each version is published to the shared object store, the others are notified and install
 * it from there (checked against its SHA-256), or remove it when its record is withdrawn; a disabled
 * version has a marker there, which the others follow. Each host also reconciles at every poll, so a
 * missed notification delays this by one poll at most; a host starting later copies the published
 * zips before loading plugins ({@link PluginArchive#catchUp}). Plugins a host has in its own plugins
 * directory and that were never published (the bundled ones) are never removed by this.
 */
public final class PluginSync {

    static final String TOPIC = "plugins";
    private static final Logger log = LoggerFactory.getLogger(PluginSync.class);

    private final PluginHost plugins;
    private final PluginArchive archive;
    private final ClusterSignals signals;
    /** Plugin versions ({@code id@version}) this host has seen published: only those are removed when withdrawn. */
    private final Set<String> published = new HashSet<>();
    /** Published zips that failed to install here, by {@code id@version}: not retried until their content changes. */
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    /**
     * Plugin versions seen disabled in the shared store: a version whose marker goes away is enabled
     * again here; one disabled here by other means (before sharing) is left alone.
     */
    private final Set<String> seenDisabled = new HashSet<>();

    @Inject
    public PluginSync(PluginHost plugins, PluginArchive archive, ClusterSignals signals) {
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.archive = requireNonNull(archive, "archive is null");
        this.signals = requireNonNull(signals, "signals is null");
        if (archive.shared()) {
            signals.subscribe(TOPIC, payload -> reconcile());
            signals.poll(this::reconcile);
        }
    }

    /** Installs an uploaded plugin here, publishes it and tells the other hosts. */
    public PluginInfo install(Path uploadedZip) {
        PluginInfo installed;
        synchronized (this) {
            installed = plugins.install(uploadedZip);
            archive.publish(installed);
            if (archive.shared()) {
                published.add(key(installed.id(), installed.version()));
            }
        }
        signals.send(TOPIC, "install " + key(installed.id(), installed.version()));
        return installed;
    }

    /** Removes a plugin here, withdraws it from the shared store and tells the other hosts. */
    public void delete(String id) {
        delete(id, null, false);
    }

    /**
     * Removes a plugin version (null: every version) here, withdraws it from the shared store and
     * tells the other hosts. Refused while READY models pin it, unless {@code force}.
     */
    public void delete(String id, String version, boolean force) {
        synchronized (this) {
            plugins.delete(id, version, force);
            archive.withdraw(id, version);
            published.removeIf(key -> version == null ? key.equals(id) || key.startsWith(id + "@") : key.equals(key(id, version)));
        }
        signals.send(TOPIC, "remove " + (version == null ? id : key(id, version)));
    }

    /** Enables a plugin version (null: every version) here and on the other hosts. */
    public PluginInfo enable(String id, String version) {
        return changeState(id, version, false);
    }

    /** Disables a plugin version (null: every version) here and on the other hosts; the setting survives restarts. */
    public PluginInfo disable(String id, String version) {
        return changeState(id, version, true);
    }

    private PluginInfo changeState(String id, String version, boolean disable) {
        PluginInfo info;
        synchronized (this) {
            info = disable ? plugins.disable(id, version) : plugins.enable(id, version);
            for (PluginInfo p : plugins.list()) {
                if (p.id().equals(id) && (version == null || version.equals(p.version()))) {
                    archive.markDisabled(id, p.version(), disable);
                    if (disable) {
                        seenDisabled.add(key(id, p.version()));
                    } else {
                        seenDisabled.remove(key(id, p.version()));
                    }
                }
            }
        }
        signals.send(TOPIC, (disable ? "disable " : "enable ") + (version == null ? id : key(id, version)));
        return info;
    }

    /** Brings this host's plugins in line with the published ones: versions installed, removed, enabled, disabled. */
    public synchronized void reconcile() {
        List<PluginArchive.Entry> entries = archive.entries();
        List<PluginInfo> installed = plugins.list();
        Set<String> local = installed.stream().map(p -> key(p.id(), p.version())).collect(Collectors.toSet());
        Set<String> localIds = installed.stream().map(PluginInfo::id).collect(Collectors.toSet());
        Set<String> now = new HashSet<>();
        for (PluginArchive.Entry entry : entries) {
            String key = entry.key();
            now.add(key);
            published.add(key);
            boolean present = entry.version() == null ? localIds.contains(entry.pluginId()) : local.contains(key);
            if (present || entry.sha256().equals(failed.get(key))) {
                continue;
            }
            Path zip = archive.download(entry);
            try {
                PluginInfo info = plugins.install(zip);
                failed.remove(key);
                log.info("Plugin '{}' {} installed from the shared store (published by another host)", info.id(), info.version());
            } catch (RuntimeException e) {
                failed.put(key, entry.sha256());
                log.warn("Plugin '{}' {} published by another host cannot be installed here: {}", entry.pluginId(),
                        entry.version() == null ? "" : entry.version(), e.getMessage());
            } finally {
                try {
                    Files.deleteIfExists(zip);
                } catch (IOException e) {
                    log.debug("Cannot delete {}: {}", zip, e.getMessage());
                }
            }
        }
        for (String key : Set.copyOf(published)) {
            if (!now.contains(key)) {
                published.remove(key);
                failed.remove(key);
                int at = key.indexOf('@');
                String id = at < 0 ? key : key.substring(0, at);
                String version = at < 0 ? null : key.substring(at + 1);
                if (at < 0 ? localIds.contains(id) : local.contains(key)) {
                    // the host that withdrew it has checked the pins, in the shared registry
                    plugins.delete(id, version, true);
                    log.info("Plugin '{}' {} removed: another host withdrew it from the shared store", id, version == null ? "" : version);
                }
            }
        }
        followStates();
    }

    /** Disables the versions disabled on another host, and enables again those it enabled. */
    private void followStates() {
        Set<String> disabled = archive.disabled();
        for (PluginInfo p : plugins.list()) {
            String key = key(p.id(), p.version());
            try {
                if (disabled.contains(key) && p.state() != PluginState.DISABLED) {
                    plugins.disable(p.id(), p.version());
                    log.info("Plugin '{}' {} disabled: it was disabled on another host", p.id(), p.version());
                } else if (!disabled.contains(key) && seenDisabled.contains(key) && p.state() == PluginState.DISABLED) {
                    plugins.enable(p.id(), p.version());
                    log.info("Plugin '{}' {} enabled: it was enabled on another host", p.id(), p.version());
                }
            } catch (RuntimeException e) {
                log.warn("Plugin '{}' {} cannot follow the state set on another host: {}", p.id(), p.version(), e.getMessage());
            }
        }
        seenDisabled.clear();
        seenDisabled.addAll(disabled);
    }

    private static String key(String id, String version) {
        return id + "@" + version;
    }
}
