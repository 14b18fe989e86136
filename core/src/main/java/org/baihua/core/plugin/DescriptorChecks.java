package org.baihua.core.plugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.baihua.core.BaihuaException.Kind;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PropertiesPluginDescriptorFinder;
import org.pf4j.VersionManager;

/**
 * Reads a plugin's {@code plugin.properties} and checks it before PF4J loads anything: present,
 * readable, a valid id, a version, and a {@code plugin.requires} that accepts this host.
 */
final class DescriptorChecks {

    private final VersionManager versions;
    private final String hostVersion;

    DescriptorChecks(VersionManager versions, String hostVersion) {
        this.versions = requireNonNull(versions, "versions is null");
        this.hostVersion = requireNonNull(hostVersion, "hostVersion is null");
    }

    /** The descriptor of an expanded plugin, with its id and version checked. */
    PluginDescriptor read(Path dir, String file) {
        if (!Files.isRegularFile(dir.resolve(PropertiesPluginDescriptorFinder.DEFAULT_PROPERTIES_FILE_NAME))) {
            throw new PluginException(Kind.BAD_REQUEST, file, "Plugin zip '" + file + "' has no plugin.properties at its root");
        }
        PluginDescriptor descriptor;
        try {
            descriptor = new PropertiesPluginDescriptorFinder().find(dir);
        } catch (PluginRuntimeException e) {
            throw new PluginException(Kind.BAD_REQUEST, file, "Plugin zip '" + file + "' has an unreadable descriptor: " + e.getMessage(), e);
        }
        String id = descriptor.getPluginId();
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new PluginException(Kind.BAD_REQUEST, file, "Plugin zip '" + file + "' has an invalid plugin.id '" + id
                    + "': use 1-64 of [a-z0-9._-]");
        }
        String version = descriptor.getVersion();
        if (version == null || version.isBlank()) {
            throw new PluginException(Kind.BAD_REQUEST, id, "Plugin '" + id + "' has no plugin.version");
        }
        if (!descriptor.getDependencies().isEmpty()) {
            // Versions of a plugin load side by side under per-version ids, which PF4J's dependency resolution cannot see.
            throw new PluginException(Kind.BAD_REQUEST, id, "Plugin '" + id + "' declares plugin.dependencies "
                    + descriptor.getDependencies() + "; the host does not support dependencies between plugins");
        }
        return descriptor;
    }

    /** Refuses a plugin whose {@code plugin.requires} does not accept this host. */
    void checkRequires(PluginDescriptor descriptor) {
        String requires = descriptor.getRequires();
        String id = descriptor.getPluginId();
        boolean ok;
        try {
            ok = requires == null || requires.isBlank() || "*".equals(requires.trim())
                    || versions.checkVersionConstraint(hostVersion, requires);
        } catch (RuntimeException e) {
            throw new PluginException(Kind.BAD_REQUEST, id, "Plugin '" + id + "' has an invalid plugin.requires '" + requires + "': " + e.getMessage(), e);
        }
        if (!ok) {
            throw new PluginException(Kind.BAD_REQUEST, id, "Plugin '" + id + "' requires host " + requires
                    + ", but this host is " + hostVersion);
        }
    }
}
