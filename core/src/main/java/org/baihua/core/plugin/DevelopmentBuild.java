package org.baihua.core.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The build output of a plugin project that {@code baihua serve --dev-plugin} runs: the project's
 * {@code target/classes} (with {@code target/plugin-descriptor/plugin.properties} and, when a build
 * copies dependencies there, {@code target/lib/*.jar}), or the zip the build writes.
 *
 * <p>The host does not load the build output in place: Maven empties {@code target/classes} at the
 * start of every build (the archetype's {@code clean-staging}), and a class loader reading it would
 * lose classes in mid-run. Each load works on a {@linkplain #stage snapshot} laid out like an
 * expanded plugin zip ({@code plugin.properties}, {@code classes/}, {@code lib/}), so the plugin is
 * loaded by the same PF4J loader as the zip an operator installs.
 */
public final class DevelopmentBuild {

    private final Path classes;
    private final Path zip;

    private DevelopmentBuild(Path classes, Path zip) {
        this.classes = classes;
        this.zip = zip;
    }

    /**
     * What a {@code --dev-plugin} path means: a {@code .zip} file is the built plugin; a folder with a
     * {@code pom.xml} is the project (its {@code target/classes}); any other folder is the classes
     * folder itself. The path need not exist yet: the first build creates it.
     */
    public static DevelopmentBuild of(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (p.getFileName() != null && p.getFileName().toString().endsWith(".zip")) {
            if (Files.isDirectory(p)) {
                throw new IllegalArgumentException(path + " is a folder, not a plugin zip");
            }
            return new DevelopmentBuild(null, p);
        }
        if (Files.isRegularFile(p)) {
            throw new IllegalArgumentException(path + " is neither a plugin zip (.zip), a plugin project folder nor its target/classes");
        }
        if (Files.isRegularFile(p.resolve("pom.xml"))) {
            return new DevelopmentBuild(p.resolve("target/classes"), null);
        }
        return new DevelopmentBuild(p, null);
    }

    /** Where the build output is read from, for people. */
    public String describe() {
        return zip != null ? zip.toString() : classes + " (descriptor: " + descriptor() + ")";
    }

    /**
     * A summary of every watched file's path, size and modification time; it changes whenever the
     * build writes. Empty while nothing is there.
     */
    public String fingerprint() {
        StringBuilder print = new StringBuilder();
        for (Path root : zip != null ? List.of(zip) : List.of(classes, descriptor(), lib())) {
            append(print, root);
        }
        return print.toString();
    }

    /**
     * Copies the build output into {@code target} (which must not exist) as an expanded plugin zip:
     * {@code plugin.properties}, {@code classes/}, {@code lib/}. Files that vanish while copying
     * (a build started meanwhile) are skipped; {@link #notReady} tells whether what was copied loads.
     *
     * @throws PluginException when the zip cannot be expanded (it may still be being written)
     */
    public void stage(Path target) {
        if (zip != null) {
            if (!Files.isRegularFile(zip)) {
                createDirectories(target);
                return;
            }
            PluginZips.expand(zip, target);
            return;
        }
        createDirectories(target);
        copyTree(classes, target.resolve("classes"));
        copyTree(lib(), target.resolve("lib"));
        Path properties = descriptor();
        try {
            Files.copy(properties, target.resolve("plugin.properties"), StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // not built yet: notReady says so
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + properties, e);
        }
    }

    /**
     * Why a staged snapshot cannot be loaded yet, or empty when it can: it needs a
     * {@code plugin.properties} and a {@code META-INF/extensions.idx} whose classes are all there. A
     * build in progress or one that failed to compile stops short of that.
     */
    public Optional<String> notReady(Path staged) {
        String source = zip != null ? zip.toString() : classes.toString();
        if (zip != null && !Files.isRegularFile(zip)) {
            return Optional.of(zip + " does not exist (not built yet?)");
        }
        if (!Files.isRegularFile(staged.resolve("plugin.properties"))) {
            return Optional.of("no plugin.properties " + (zip != null ? "in " + zip : "at " + descriptor()) + " (not built yet, or a build is running)");
        }
        Path index = staged.resolve("classes/META-INF/extensions.idx");
        if (!Files.isRegularFile(index)) {
            return Optional.of("no META-INF/extensions.idx in " + source + " (a build is running, or it failed to compile)");
        }
        List<String> missing = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                String name = line.trim();
                if (!name.isEmpty() && !name.startsWith("#")
                        && !Files.isRegularFile(staged.resolve("classes").resolve(name.replace('.', '/') + ".class"))) {
                    missing.add(name);
                }
            }
        } catch (IOException e) {
            return Optional.of("cannot read " + index + ": " + e.getMessage());
        }
        if (!missing.isEmpty()) {
            return Optional.of("extensions.idx lists " + missing + ", which " + (missing.size() == 1 ? "is" : "are") + " not in " + source
                    + " yet (a build is running, or it failed to compile)");
        }
        return Optional.empty();
    }

    private Path descriptor() {
        Path maven = classes.resolveSibling("plugin-descriptor").resolve("plugin.properties");
        return Files.isRegularFile(maven) || !Files.isRegularFile(classes.resolve("plugin.properties")) ? maven : classes.resolve("plugin.properties");
    }

    private Path lib() {
        return classes.resolveSibling("lib");
    }

    private static void append(StringBuilder print, Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).sorted().forEach(file -> {
                try {
                    print.append(file).append(' ').append(Files.size(file)).append(' ').append(Files.getLastModifiedTime(file).toMillis())
                            .append('\n');
                } catch (IOException e) {
                    print.append(file).append(" gone\n"); // deleted while walking: the next look sees the settled state
                }
            });
        } catch (IOException | UncheckedIOException e) {
            print.append(root).append(" unreadable ").append(System.nanoTime()).append('\n'); // never equal twice: wait for it to settle
        }
    }

    private static void copyTree(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                try {
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (NoSuchFileException e) {
                    // removed by a build that started meanwhile: notReady sees what is missing
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the folder went away in mid-walk: what was copied is checked by notReady
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }
}
