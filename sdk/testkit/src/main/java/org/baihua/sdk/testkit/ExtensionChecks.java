package org.baihua.sdk.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/** Checks of the extension index: it exists, and every class it lists is an extension the host can create. */
final class ExtensionChecks {

    private ExtensionChecks() {}

    static Stream<DynamicNode> tests(PluginUnderTest plugin) {
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(dynamicTest("lists the plugin's extensions", () -> {
            if (plugin.indexProblem() != null) {
                fail(plugin.indexProblem());
            }
        }));
        for (PluginUnderTest.Loaded loaded : plugin.loaded()) {
            tests.add(dynamicTest(simpleName(loaded.className()) + " loads, implements an SDK extension point and is created", () -> {
                if (loaded.failure() != null) {
                    fail(loaded.className() + " " + loaded.failure());
                }
            }));
        }
        return tests.stream();
    }

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
