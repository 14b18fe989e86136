package org.baihua.core.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Writes real PF4J plugin zips for tests: Java sources compiled at test time against the SDK (with
 * PF4J's annotation processor writing extensions.idx), zipped with a plugin.properties.
 */
public final class PluginFixtures {

    private final Path workDir;

    public PluginFixtures(Path workDir) {
        this.workDir = workDir;
    }

    /** A builder for one plugin zip. */
    public Builder plugin(String id) {
        return new Builder(id);
    }

    public final class Builder {
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final Map<String, String> extraEntries = new LinkedHashMap<>();
        private boolean descriptor = true;

        private Builder(String id) {
            properties.put("plugin.id", id);
            properties.put("plugin.version", "1.0.0");
            properties.put("plugin.requires", ">=0.1.0");
            properties.put("plugin.provider", "tests");
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Builder noDescriptor() {
            descriptor = false;
            return this;
        }

        /** A Java source file, by fully qualified class name. */
        public Builder source(String className, String code) {
            sources.put(className, code);
            return this;
        }

        /** A domain extension with the given id and one text task. */
        public Builder domain(String className, String domainId) {
            int dot = className.lastIndexOf('.');
            return source(className, """
                    package %s;
                    import java.util.List;
                    import org.baihua.sdk.*;
                    @org.pf4j.Extension
                    public class %s implements Domain {
                        public String id() { return "%s"; }
                        public String displayName() { return "%s domain"; }
                        public List<TaskSpec> tasks() {
                            return List.of(new TaskSpec("topic", "a test task", TaskKind.MULTICLASS, List.of(),
                                    List.of(FieldSpec.text("text", "some text")), HeadSpec.linear(), Metric.MACRO_F1, null));
                        }
                    }
                    """.formatted(className.substring(0, dot), className.substring(dot + 1), domainId, domainId));
        }

        /** A raw zip entry, for malicious or broken archives. */
        public Builder entry(String name, String content) {
            extraEntries.put(name, content);
            return this;
        }

        public Path build(String fileName) throws IOException {
            Path classes = Files.createTempDirectory(workDir, "classes");
            compile(classes);
            Path zip = workDir.resolve(fileName);
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                if (descriptor) {
                    StringBuilder text = new StringBuilder();
                    properties.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
                    put(out, "plugin.properties", text.toString().getBytes(StandardCharsets.UTF_8));
                }
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        put(out, "classes/" + classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                }
                for (Map.Entry<String, String> e : extraEntries.entrySet()) {
                    put(out, e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
            return zip;
        }

        /**
         * Writes the plugin as a Maven build leaves it in a project: {@code target/classes} (emptied
         * first, as the archetype's build does; entries under {@code classes/} go there) and
         * {@code target/plugin-descriptor/plugin.properties}. Returns {@code target/classes}.
         */
        public Path buildInto(Path project) throws IOException {
            Path classes = project.resolve("target/classes");
            PluginZips.deleteTree(classes);
            Files.createDirectories(classes);
            compile(classes);
            for (Map.Entry<String, String> e : extraEntries.entrySet()) {
                if (e.getKey().startsWith("classes/")) {
                    Path file = classes.resolve(e.getKey().substring("classes/".length()));
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, e.getValue());
                }
            }
            if (descriptor) {
                StringBuilder text = new StringBuilder();
                properties.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
                Path file = project.resolve("target/plugin-descriptor/plugin.properties");
                Files.createDirectories(file.getParent());
                Files.writeString(file, text);
            }
            return classes;
        }

        private void compile(Path classes) throws IOException {
            if (sources.isEmpty()) {
                return;
            }
            Path src = Files.createTempDirectory(workDir, "src");
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                    System.getProperty("java.class.path"), "--release", "17"));
            if (Runtime.version().feature() >= 21) {
                args.add("-proc:full"); // newer JDKs no longer run annotation processors by default
            }
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                args.add(file.toString());
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
            int status = compiler.run(null, errors, errors, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("fixture did not compile: " + errors.toString(StandardCharsets.UTF_8));
            }
        }
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        OutputStream stream = out;
        stream.write(bytes);
        out.closeEntry();
    }
}
