package org.baihua.sdk.testkit;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.baihua.sdk.DataAdapter;
import org.baihua.sdk.Domain;
import org.baihua.sdk.HeadDesigner;
import org.baihua.sdk.HostInfo;
import org.baihua.sdk.Preprocessor;
import org.baihua.sdk.Redactor;
import org.baihua.sdk.SampleData;
import org.baihua.sdk.TaskSpec;

/**
 * The plugin as the host would see it: the classes its extension index lists, each created the way
 * the host creates extensions (one public constructor, SDK service types as parameters). What
 * cannot be loaded is kept with its reason so that a check reports it instead of the kit failing.
 */
final class PluginUnderTest {

    /** The SDK's extension points, in the order the checks are listed. */
    static final List<Class<?>> EXTENSION_POINTS = List.of(
            Domain.class, DataAdapter.class, Redactor.class, Preprocessor.class, HeadDesigner.class, SampleData.class);

    /** One line of the index: the created extension, or why it could not be created. */
    record Loaded(String className, Object extension, String failure) {}

    private final Path index;
    private final String indexProblem;
    private final List<Loaded> loaded;

    private PluginUnderTest(Path index, String indexProblem, List<Loaded> loaded) {
        this.index = index;
        this.indexProblem = indexProblem;
        this.loaded = List.copyOf(loaded);
    }

    static PluginUnderTest load(Path classesDir, ClassLoader loader, String hostVersion) {
        Path index = classesDir.resolve("META-INF").resolve("extensions.idx");
        if (!Files.isRegularFile(index)) {
            return new PluginUnderTest(index, "there is no " + index.toAbsolutePath()
                    + "; PF4J's annotation processor writes it for classes annotated @Extension (is pf4j on the compile class path?)",
                    List.of());
        }
        List<String> names;
        try {
            names = Files.readAllLines(index, StandardCharsets.UTF_8).stream()
                    .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            return new PluginUnderTest(index, "cannot read " + index + ": " + e, List.of());
        }
        HostInfo host = () -> hostVersion;
        List<Loaded> loaded = new ArrayList<>();
        for (String name : names) {
            loaded.add(create(name, loader, host));
        }
        return new PluginUnderTest(index, names.isEmpty() ? index + " lists no extension" : null, loaded);
    }

    private static Loaded create(String name, ClassLoader loader, HostInfo host) {
        Class<?> type;
        try {
            type = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return new Loaded(name, null, "cannot be loaded: " + e);
        }
        if (EXTENSION_POINTS.stream().noneMatch(point -> point.isAssignableFrom(type))) {
            return new Loaded(name, null, "implements none of the SDK extension points "
                    + EXTENSION_POINTS.stream().map(Class::getSimpleName).toList());
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            return new Loaded(name, null, "must be a public, concrete class for the host to create it");
        }
        Constructor<?>[] constructors = type.getConstructors();
        if (constructors.length != 1) {
            return new Loaded(name, null, "must have exactly one public constructor, has " + constructors.length);
        }
        Class<?>[] parameters = constructors[0].getParameterTypes();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] != HostInfo.class) {
                return new Loaded(name, null, "asks for a " + parameters[i].getName()
                        + "; the host hands extensions only SDK service types (" + HostInfo.class.getName() + ")");
            }
            arguments[i] = host;
        }
        try {
            return new Loaded(name, constructors[0].newInstance(arguments), null);
        } catch (InvocationTargetException e) {
            return new Loaded(name, null, "failed in its constructor: " + e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new Loaded(name, null, "cannot be created: " + e);
        }
    }

    /** The index file the extensions were read from. */
    Path index() {
        return index;
    }

    /** Why the index is unusable (missing, empty), or null. */
    String indexProblem() {
        return indexProblem;
    }

    /** Every class the index lists, created or not. */
    List<Loaded> loaded() {
        return loaded;
    }

    /** The created extensions of one extension point, in index order. */
    <T> List<T> extensions(Class<T> point) {
        return loaded.stream().map(Loaded::extension).filter(point::isInstance).map(point::cast).toList();
    }

    /** The plugin's domains. */
    List<Domain> domains() {
        return extensions(Domain.class);
    }

    /** A task of one of the plugin's domains. */
    Optional<TaskSpec> task(String domainId, String taskId) {
        for (Domain domain : domains()) {
            if (domainId.equals(safeId(domain))) {
                return safeTasks(domain).stream().filter(t -> t.id().equals(taskId)).findFirst();
            }
        }
        return Optional.empty();
    }

    /** Every (domain id, task) of the plugin whose domain and tasks can be read. */
    List<DomainTask> tasks() {
        List<DomainTask> all = new ArrayList<>();
        for (Domain domain : domains()) {
            String id = safeId(domain);
            if (id != null) {
                safeTasks(domain).forEach(task -> all.add(new DomainTask(id, task)));
            }
        }
        return all;
    }

    /** The data adapter of this plugin for a format, if it ships one. */
    Optional<DataAdapter> adapter(String format) {
        return extensions(DataAdapter.class).stream().filter(a -> format.equals(safeFormat(a))).findFirst();
    }

    static String safeId(Domain domain) {
        try {
            return domain.id();
        } catch (RuntimeException e) {
            return null; // reported by the domain's own checks
        }
    }

    static List<TaskSpec> safeTasks(Domain domain) {
        try {
            List<TaskSpec> tasks = domain.tasks();
            return tasks == null ? List.of() : tasks;
        } catch (RuntimeException e) {
            return List.of(); // reported by the domain's own checks
        }
    }

    static String safeFormat(DataAdapter adapter) {
        try {
            return adapter.format();
        } catch (RuntimeException e) {
            return null; // reported by the adapter's own checks
        }
    }

    /** A task with the id of its domain. */
    record DomainTask(String domainId, TaskSpec task) {
        @Override
        public String toString() {
            return domainId + "/" + task.id();
        }
    }
}
