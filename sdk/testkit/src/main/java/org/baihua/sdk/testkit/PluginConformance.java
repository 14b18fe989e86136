package org.baihua.sdk.testkit;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Extend this class in a plugin's tests to run every conformance check on the plugin:
 *
 * <pre>{@code
 * class TicketsConformanceTest extends PluginConformance {
 *     TicketsConformanceTest() { super(Path.of("target/classes")); }
 * }
 * }</pre>
 *
 * <p>For more control (another host version, checking the built zip too) pass a
 * {@link ConformanceKit} built with {@link ConformanceKit#forClasses(Path)}.
 */
public abstract class PluginConformance {

    private final ConformanceKit kit;

    /**
     * Checks the plugin compiled into {@code classesDir}; its {@code plugin.properties} is looked up
     * there and in the sibling {@code plugin-descriptor} folder that the Baihua plugin build writes.
     */
    protected PluginConformance(Path classesDir) {
        this(ConformanceKit.forClasses(classesDir).build());
    }

    /** Runs the checks of the given kit. */
    protected PluginConformance(ConformanceKit kit) {
        this.kit = requireNonNull(kit, "kit is null");
    }

    /** Every conformance check, as dynamic tests named by what they check. */
    @TestFactory
    @DisplayName("conformance")
    Stream<DynamicNode> conformance() {
        return kit.tests();
    }
}
