package org.baihua.sdk.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.pf4j.DefaultVersionManager;
import org.pf4j.Plugin;
import org.pf4j.VersionManager;

/** Checks of {@code plugin.properties}: the values the host reads before it loads anything else. */
final class DescriptorChecks {

    /** Plugin ids appear in REST paths ({@code /api/v1/plugins/{id}}), so they follow the SDK's id rule. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private DescriptorChecks() {}

    static Stream<DynamicNode> tests(DescriptorSource source, String hostVersion, ClassLoader loader) {
        Memo<Properties> properties = new Memo<>(source::read);
        // PF4J's own version manager, the one the host checks requires with.
        VersionManager versions = new DefaultVersionManager();
        return Stream.of(
                dynamicTest("is read from " + source, properties::get),
                dynamicTest("has every placeholder filtered", () -> properties.get().forEach((key, value) -> {
                    if (value.toString().contains("${")) {
                        fail(key + " = '" + value + "' still holds a Maven placeholder; enable resource filtering for plugin.properties");
                    }
                })),
                dynamicTest("plugin.id is a valid id", () -> {
                    String id = required(properties.get(), "plugin.id");
                    Verify.that(ID.matcher(id).matches(), () -> "plugin.id '" + id
                            + "' is not a valid id: use 1-64 of [a-z0-9-], starting with a letter or digit");
                }),
                dynamicTest("plugin.version is a semantic version", () -> {
                    String version = required(properties.get(), "plugin.version");
                    try {
                        versions.compareVersions(version, "0.0.0");
                    } catch (RuntimeException e) {
                        fail("plugin.version '" + version + "' is not a semantic version such as 1.2.0: " + e.getMessage());
                    }
                }),
                dynamicTest("plugin.requires accepts host " + hostVersion, () -> {
                    String requires = properties.get().getProperty("plugin.requires", "").trim();
                    if (requires.isEmpty() || requires.equals("*")) {
                        fail("plugin.requires is " + (requires.isEmpty() ? "not set" : "'*'")
                                + "; name the host versions the plugin works with, for example >=" + hostVersion);
                    }
                    boolean accepted;
                    try {
                        accepted = versions.checkVersionConstraint(hostVersion, requires);
                    } catch (RuntimeException e) {
                        throw new AssertionError("plugin.requires '" + requires + "' is not a version expression such as >=0.1.0 & <2.0.0: "
                                + e.getMessage(), e);
                    }
                    Verify.that(accepted, () -> "plugin.requires '" + requires + "' refuses host " + hostVersion
                            + ": the host would not load the plugin");
                }),
                dynamicTest("plugin.class loads and extends " + Plugin.class.getName(), () -> {
                    String className = properties.get().getProperty("plugin.class", "").trim();
                    if (className.isEmpty()) {
                        return; // optional: PF4J then uses a plain Plugin
                    }
                    Class<?> type;
                    try {
                        type = Class.forName(className, false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        throw new AssertionError("plugin.class '" + className + "' cannot be loaded: " + e, e);
                    }
                    Verify.that(Plugin.class.isAssignableFrom(type), () -> "plugin.class '" + className + "' does not extend " + Plugin.class.getName());
                }));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key, "").trim();
        if (value.isEmpty()) {
            fail(key + " is missing");
        }
        return value;
    }
}
