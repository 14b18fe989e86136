package org.baihua.sdk.testkit;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Puts a check's full name in front of its failure message, so that a console that shows only
 * {@code conformance()[5][3][2]} (Maven Surefire's default) still says which check failed.
 */
final class Labelled {

    static final String SEPARATOR = " > ";

    private Labelled() {}

    static DynamicNode label(DynamicNode node, String parent) {
        String path = parent.isEmpty() ? node.getDisplayName() : parent + SEPARATOR + node.getDisplayName();
        if (node instanceof DynamicContainer container) {
            return dynamicContainer(node.getDisplayName(), container.getChildren().map(child -> label(child, path)));
        }
        DynamicTest test = (DynamicTest) node;
        return dynamicTest(node.getDisplayName(), () -> {
            try {
                test.getExecutable().execute();
            } catch (AssertionError e) {
                AssertionError named = new AssertionError(path + ": " + e.getMessage(), e.getCause());
                named.setStackTrace(e.getStackTrace());
                throw named;
            }
        });
    }
}
