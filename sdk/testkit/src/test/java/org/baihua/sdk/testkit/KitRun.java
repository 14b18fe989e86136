package org.baihua.sdk.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

/**
 * Runs the kit on a fixture plugin laid out like a built one ({@code classes/META-INF/extensions.idx}
 * and {@code plugin-descriptor/plugin.properties}) and collects every check's outcome by its full name.
 */
final class KitRun {

    /** A check's outcome: PASSED, FAILED or ABORTED, with the failure's message. */
    record Outcome(String status, String message) {}

    static final Map<String, String> GOOD_DESCRIPTOR = Map.of(
            "plugin.id", "fixture", "plugin.version", "1.2.0", "plugin.requires", ">=0.1.0",
            "plugin.class", "org.baihua.sdk.testkit.fixture.FixturePlugin", "plugin.provider", "Baihua tests");

    private KitRun() {}

    /** Lays the plugin out under {@code dir} and runs every check. */
    static Map<String, Outcome> run(Path dir, Map<String, String> descriptor, List<Class<?>> extensions) throws IOException {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/extensions.idx"),
                extensions.stream().map(Class::getName).collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
        Path descriptorDir = Files.createDirectories(dir.resolve("plugin-descriptor"));
        Files.writeString(descriptorDir.resolve("plugin.properties"), descriptor.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
        return run(ConformanceKit.forClasses(classes).hostVersion("0.1.0").build());
    }

    static Map<String, Outcome> run(ConformanceKit kit) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        kit.tests().forEach(node -> collect(node, "", outcomes));
        return outcomes;
    }

    private static void collect(DynamicNode node, String parent, Map<String, Outcome> outcomes) {
        String path = parent.isEmpty() ? node.getDisplayName() : parent + Labelled.SEPARATOR + node.getDisplayName();
        if (node instanceof DynamicContainer container) {
            container.getChildren().forEach(child -> collect(child, path, outcomes));
            return;
        }
        try {
            ((DynamicTest) node).getExecutable().execute();
            outcomes.put(path, new Outcome("PASSED", null));
        } catch (TestAbortedException e) {
            outcomes.put(path, new Outcome("ABORTED", e.getMessage()));
        } catch (Throwable e) {
            outcomes.put(path, new Outcome("FAILED", e.getMessage()));
        }
    }

    /** The checks that did not pass, name &rarr; outcome. */
    static Map<String, Outcome> notPassed(Map<String, Outcome> outcomes) {
        Map<String, Outcome> bad = new LinkedHashMap<>();
        outcomes.forEach((name, outcome) -> {
            if (!outcome.status().equals("PASSED")) {
                bad.put(name, outcome);
            }
        });
        return bad;
    }
}
