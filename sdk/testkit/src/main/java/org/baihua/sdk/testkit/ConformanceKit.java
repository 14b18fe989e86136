package org.baihua.sdk.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;

/**
 * The conformance checks for one plugin, ready to be returned from a JUnit 5
 * {@code @TestFactory}. Build one with {@link #forClasses(Path)}; {@link PluginConformance} does
 * this for the common case.
 *
 * <p>The plugin's classes must be on the test class path (they are, in the plugin's own tests):
 * the kit reads which extensions to check from {@code META-INF/extensions.idx} in the classes
 * folder and creates each the way the host does, handing {@link org.baihua.sdk.HostInfo} to
 * constructors that ask for it.
 */
public final class ConformanceKit {

    private final Path classesDir;
    private final Path descriptor;
    private final Path zip;
    private final String hostVersion;

    private ConformanceKit(Builder builder) {
        this.classesDir = builder.classesDir;
        this.descriptor = builder.descriptor;
        this.zip = builder.zip;
        this.hostVersion = builder.hostVersion == null ? sdkVersion() : builder.hostVersion;
    }

    /** Starts a kit for the plugin compiled into {@code classesDir}, for example {@code target/classes}. */
    public static Builder forClasses(Path classesDir) {
        return new Builder(classesDir);
    }

    /** The host version a plugin's {@code requires} is checked against by default: the SDK version of this kit. */
    public static String sdkVersion() {
        try (InputStream in = ConformanceKit.class.getResourceAsStream("kit.properties")) {
            if (in == null) {
                throw new IllegalStateException("kit.properties is missing from the Baihua test kit jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("sdk.version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test kit's kit.properties", e);
        }
    }

    /**
     * Every check, in order: descriptor, zip (when given), extensions, domains, heads, adapters,
     * samples, redactors, preprocessors; one flat list of tests, each named by its full path
     * ({@code plugin.properties > plugin.id is a valid id}).
     */
    public Stream<DynamicNode> tests() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        PluginUnderTest plugin = PluginUnderTest.load(classesDir, loader, hostVersion);
        Samples samples = new Samples(plugin);
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(DynamicContainer.dynamicContainer("plugin.properties",
                DescriptorChecks.tests(descriptorSource(), hostVersion, loader)));
        if (zip != null) {
            nodes.add(DynamicContainer.dynamicContainer("zip " + zip.getFileName(), ZipChecks.tests(zip)));
        }
        nodes.add(DynamicContainer.dynamicContainer("extensions.idx", ExtensionChecks.tests(plugin)));
        nodes.addAll(DomainChecks.containers(plugin));
        nodes.addAll(HeadChecks.containers(plugin));
        nodes.addAll(AdapterChecks.containers(plugin));
        nodes.addAll(SampleChecks.containers(plugin, samples));
        nodes.addAll(RedactorChecks.containers(plugin, samples));
        nodes.addAll(PreprocessorChecks.containers(plugin, samples));
        return nodes.stream().flatMap(node -> Labelled.flatten(node, ""));
    }

    /** Where plugin.properties is read from: the zip when given, else the descriptor file, else the usual places. */
    private DescriptorSource descriptorSource() {
        if (zip != null) {
            return DescriptorSource.inZip(zip);
        }
        if (descriptor != null) {
            return DescriptorSource.file(descriptor);
        }
        Path inClasses = classesDir.resolve("plugin.properties");
        Path filtered = classesDir.toAbsolutePath().normalize().resolveSibling("plugin-descriptor").resolve("plugin.properties");
        return DescriptorSource.file(Files.exists(inClasses) ? inClasses : filtered);
    }

    /** Options of a {@link ConformanceKit}; only the classes folder is required. */
    public static final class Builder {
        private final Path classesDir;
        private Path descriptor;
        private Path zip;
        private String hostVersion;

        private Builder(Path classesDir) {
            this.classesDir = requireNonNull(classesDir, "classesDir is null");
        }

        /** Reads the descriptor from this {@code plugin.properties} file instead of looking it up. */
        public Builder descriptor(Path pluginProperties) {
            this.descriptor = requireNonNull(pluginProperties, "pluginProperties is null");
            return this;
        }

        /** Also checks the layout of the built plugin zip, and reads the descriptor from it. */
        public Builder zip(Path pluginZip) {
            this.zip = requireNonNull(pluginZip, "pluginZip is null");
            return this;
        }

        /** Checks {@code requires} against this host version instead of the kit's SDK version. */
        public Builder hostVersion(String version) {
            this.hostVersion = requireNonNull(version, "version is null");
            return this;
        }

        /** The kit. */
        public ConformanceKit build() {
            return new ConformanceKit(this);
        }
    }
}
