package org.baihua.sdk.testkit;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DynamicNode;

/**
 * Checks of the built plugin zip's layout, the one the host installs: {@code plugin.properties} at
 * the root, {@code classes/} with the extension index, {@code lib/} with jars only, and no copy of
 * the SDK or PF4J (the host provides them; a second copy splits the extension types in two).
 */
final class ZipChecks {

    private static final Pattern PROVIDED = Pattern.compile("lib/(baihua-sdk|pf4j)-[0-9].*\\.jar");

    private ZipChecks() {}

    static Stream<DynamicNode> tests(Path zip) {
        Memo<List<String>> entries = new Memo<>(() -> entries(zip));
        return Stream.of(
                dynamicTest("has plugin.properties and classes/META-INF/extensions.idx", () -> {
                    Verify.that(entries.get().contains("plugin.properties"), "the zip has no plugin.properties at its root");
                    Verify.that(entries.get().contains("classes/META-INF/extensions.idx"),
                            "the zip has no classes/META-INF/extensions.idx: the host would find no extension");
                }),
                dynamicTest("holds only plugin.properties, classes/ and lib/*.jar", () -> {
                    List<String> stray = entries.get().stream().filter(e -> !e.endsWith("/") && !e.equals("plugin.properties")
                            && !e.startsWith("classes/") && !(e.startsWith("lib/") && e.endsWith(".jar"))).toList();
                    Verify.that(stray.isEmpty(), () -> "the zip holds entries the host ignores: " + stray);
                }),
                dynamicTest("leaves the SDK and PF4J to the host", () -> {
                    List<String> provided = entries.get().stream().filter(e -> PROVIDED.matcher(e).matches()).toList();
                    Verify.that(provided.isEmpty(), () -> "the zip bundles " + provided
                            + "; declare baihua-sdk and pf4j with scope provided");
                }));
    }

    private static List<String> entries(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plugin zip " + zip.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
