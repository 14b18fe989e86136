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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugins installed or removed through the API on one host, on every host: the zip is published to
 * the shared object store, the others are notified and install it from there (checked against its
 * SHA-256), or remove it when its record is withdrawn. Each host also reconciles at every poll, so a
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
    /** Plugins this host has seen published: only those are removed when withdrawn. */
    private final Set<String> published = new HashSet<>();
    /** Published zips that failed to install here, by plugin id: not retried until their content changes. */
    private final Map<String, String> failed = new ConcurrentHashMap<>();

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
                published.add(installed.id());
            }
        }
        signals.send(TOPIC, "install " + installed.id());
        return installed;
    }

    /** Removes a plugin here, withdraws it from the shared store and tells the other hosts. */
    public void delete(String id) {
        delete(id, null, false);
    }

    /**
     * Removes a plugin version (null: every version) here; once no version is left, withdraws it from
     * the shared store and tells the other hosts. Refused while READY models pin it, unless {@code force}.
     */
    public void delete(String id, String version, boolean force) {
        synchronized (this) {
            plugins.delete(id, version, force);
            if (version == null || plugins.list().stream().noneMatch(p -> p.id().equals(id))) {
                archive.withdraw(id);
                published.remove(id);
            }
        }
        signals.send(TOPIC, "remove " + id);
    }

    /** Brings this host's plugins in line with the published ones. */
    public synchronized void reconcile() {
        List<PluginArchive.Entry> entries = archive.entries();
        Set<String> local = plugins.list().stream().map(PluginInfo::id).collect(Collectors.toSet());
        Set<String> now = new HashSet<>();
        for (PluginArchive.Entry entry : entries) {
            now.add(entry.pluginId());
            published.add(entry.pluginId());
            if (local.contains(entry.pluginId()) || entry.sha256().equals(failed.get(entry.pluginId()))) {
                continue;
            }
            Path zip = archive.download(entry);
            try {
                PluginInfo info = plugins.install(zip);
                failed.remove(entry.pluginId());
                log.info("Plugin '{}' {} installed from the shared store (published by another host)", info.id(), info.version());
            } catch (RuntimeException e) {
                failed.put(entry.pluginId(), entry.sha256());
                log.warn("Plugin '{}' published by another host cannot be installed here: {}", entry.pluginId(), e.getMessage());
            } finally {
                try {
                    Files.deleteIfExists(zip);
                } catch (IOException e) {
                    log.debug("Cannot delete {}: {}", zip, e.getMessage());
                }
            }
        }
        for (String id : Set.copyOf(published)) {
            if (!now.contains(id)) {
                published.remove(id);
                failed.remove(id);
                if (local.contains(id)) {
                    plugins.delete(id, null, true); // the host that withdrew it has checked the pins, in the shared registry
                    log.info("Plugin '{}' removed: another host withdrew it from the shared store", id);
                }
            }
        }
    }
}
