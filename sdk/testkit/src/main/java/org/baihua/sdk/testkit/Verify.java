package org.baihua.sdk.testkit;

import java.util.function.Supplier;

/** Assertions whose message is only the kit's own explanation (JUnit's add "expected: true"). */
final class Verify {

    private Verify() {}

    static void that(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    static void that(boolean condition, Supplier<String> message) {
        if (!condition) {
            throw new AssertionError(message.get());
        }
    }
}
