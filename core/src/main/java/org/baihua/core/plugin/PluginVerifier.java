package org.baihua.core.plugin;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.baihua.sdk.Domain;
import org.baihua.sdk.TaskSpec;
import org.pf4j.PluginWrapper;

/**
 * Starts a plugin and checks that what it contributes is usable: its plugin class and every
 * extension class load, its domains have valid, unique ids and declare valid, described tasks (the
 * same rules the SDK test kit checks, so a plugin that skipped the kit fails here). Anything wrong
 * comes back as a reason naming the plugin, and the plugin is stopped.
 */
final class PluginVerifier {

    private static final List<Class<?>> EXTENSION_POINTS = List.of(Domain.class, org.baihua.sdk.DataAdapter.class,
            org.baihua.sdk.Redactor.class, org.baihua.sdk.Preprocessor.class, org.baihua.sdk.HeadDesigner.class,
            org.baihua.sdk.SampleData.class);

    private final BaihuaPluginManager manager;

    PluginVerifier(BaihuaPluginManager manager) {
        this.manager = manager;
    }

    /** Starts the plugin; returns null when it is healthy, else why it failed (with the exception, if any). */
    PluginFailure startAndVerify(String key, Set<String> otherDomainIds) {
        PluginWrapper wrapper = manager.getPlugin(key);
        String id = PluginPin.ofKey(key).pluginId();
        String pluginClass = wrapper.getDescriptor().getPluginClass();
        if (pluginClass != null && !pluginClass.isBlank()) {
            try {
                Class.forName(pluginClass, false, wrapper.getPluginClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return new PluginFailure("Plugin '" + id + "': plugin class '" + pluginClass + "' cannot be loaded: " + e, e);
            }
        }
        try {
            manager.startPlugin(key);
        } catch (RuntimeException e) {
            return new PluginFailure("Plugin '" + id + "' failed to start: " + e, e);
        }
        if (!wrapper.getPluginState().isStarted()) {
            Throwable cause = wrapper.getFailedException();
            return new PluginFailure("Plugin '" + id + "' failed to start: "
                    + (cause == null ? "state is " + wrapper.getPluginState() : cause.toString()), cause);
        }
        PluginFailure failure = verifyExtensions(key, id, wrapper, otherDomainIds);
        if (failure != null) {
            try {
                manager.stopPlugin(key);
            } catch (RuntimeException e) {
                Throwable cause = failure.cause() != null ? failure.cause() : e;
                if (cause != e) {
                    cause.addSuppressed(e);
                }
                failure = new PluginFailure(failure.reason() + " (and stopping it failed: " + e + ")", cause);
            }
        }
        return failure;
    }

    private PluginFailure verifyExtensions(String key, String id, PluginWrapper wrapper, Set<String> otherDomainIds) {
        for (String className : manager.getExtensionClassNames(key)) {
            try {
                Class.forName(className, false, wrapper.getPluginClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return new PluginFailure("Plugin '" + id + "': extension class '" + className + "' cannot be loaded: " + e, e);
            }
        }
        // Create every extension now: one that cannot be created would otherwise fail each request that looks it up.
        for (Class<?> point : EXTENSION_POINTS) {
            try {
                manager.getExtensions(point, key);
            } catch (RuntimeException e) {
                return new PluginFailure("Plugin '" + id + "': a " + point.getSimpleName() + " extension could not be created: " + e.getMessage(), e);
            }
        }
        List<Domain> domains = manager.getExtensions(Domain.class, key);
        if (domains.isEmpty()) {
            return PluginFailure.finding("Plugin '" + id + "' contributes no domain: a plugin needs at least one @Extension implementing "
                    + Domain.class.getName());
        }
        Set<String> seen = new HashSet<>(otherDomainIds);
        for (Domain domain : domains) {
            try {
                String domainId = domain.id();
                if (domainId == null || !domainId.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                    return PluginFailure.finding("Plugin '" + id + "': domain id '" + domainId + "' is invalid (use 1-64 of [a-z0-9-])");
                }
                if (!seen.add(domainId)) {
                    return PluginFailure.finding("Plugin '" + id + "': domain '" + domainId + "' is already provided by another plugin");
                }
                List<TaskSpec> tasks = domain.tasks();
                if (tasks == null || tasks.isEmpty()) {
                    return PluginFailure.finding("Plugin '" + id + "': domain '" + domainId + "' declares no tasks");
                }
                Set<String> taskIds = new HashSet<>();
                for (TaskSpec task : tasks) {
                    if (!taskIds.add(task.id())) {
                        return PluginFailure.finding("Plugin '" + id + "': domain '" + domainId + "' declares task '" + task.id() + "' twice");
                    }
                    List<String> undescribed = task.missingDescriptions();
                    if (!undescribed.isEmpty()) {
                        return PluginFailure.finding("Plugin '" + id + "': domain '" + domainId + "': " + String.join("; ", undescribed));
                    }
                }
            } catch (IllegalArgumentException e) {
                // The SDK records refuse parts that do not fit (TaskSpec, FieldSpec, HeadSpec, ...): their message says which.
                return new PluginFailure("Plugin '" + id + "': domain " + domain.getClass().getName() + " declares an invalid task: "
                        + e.getMessage(), e);
            } catch (RuntimeException e) {
                return new PluginFailure("Plugin '" + id + "': domain " + domain.getClass().getName() + " failed: " + e, e);
            }
        }
        return null;
    }
}
