package org.baihua.sdk.testkit;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Names every check by its full path ({@code domain 'tickets' (TicketDomain) > offers valid tasks})
 * in one flat list, and puts that name in front of its failure message too. Reports that show a
 * dynamic test by one display name (Maven Surefire with phrased names, as the archetype's pom sets
 * it) then say which check it is, instead of the index path {@code conformance()[5][3][2]}.
 */
final class Labelled {

    static final String SEPARATOR = " > ";

    private Labelled() {}

    static Stream<DynamicTest> flatten(DynamicNode node, String parent) {
        String path = parent.isEmpty() ? node.getDisplayName() : parent + SEPARATOR + node.getDisplayName();
        if (node instanceof DynamicContainer container) {
            return container.getChildren().flatMap(child -> flatten(child, path));
        }
        DynamicTest test = (DynamicTest) node;
        return Stream.of(dynamicTest(path, () -> {
            try {
                test.getExecutable().execute();
            } catch (AssertionError e) {
                AssertionError named = new AssertionError(path + ": " + e.getMessage(), e.getCause());
                named.setStackTrace(e.getStackTrace());
                throw named;
            }
        }));
    }
}
