package org.baihua.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip checks on real zips written into a temporary folder, with the descriptor read from the zip. */
class ZipChecksTest {

    @TempDir
    Path dir;

    private Path zip(List<String> entries) throws IOException {
        Path zip = dir.resolve("fixture-1.2.0.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String entry : entries) {
                z.putNextEntry(new ZipEntry(entry));
                if (entry.equals("plugin.properties")) {
                    z.write("plugin.id=fixture\nplugin.version=1.2.0\nplugin.requires=>=0.1.0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                z.closeEntry();
            }
        }
        return zip;
    }

    private Map<String, KitRun.Outcome> run(Path zip) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes/META-INF"));
        Files.writeString(classes.resolve("extensions.idx"), "");
        return KitRun.run(ConformanceKit.forClasses(dir.resolve("classes")).zip(zip).hostVersion("0.1.0").build());
    }

    @Test
    void acceptsThePluginLayoutAndReadsTheDescriptorFromTheZip() throws IOException {
        Map<String, KitRun.Outcome> outcomes = run(zip(List.of("plugin.properties", "classes/", "classes/META-INF/extensions.idx",
                "classes/org/x/A.class", "lib/", "lib/commons-csv-1.14.1.jar")));

        assertThat(KitRun.notPassed(outcomes).keySet()).noneMatch(k -> k.startsWith("zip ") || k.startsWith("plugin.properties"));
        assertThat(outcomes.keySet()).filteredOn(k -> k.startsWith("zip ")).hasSize(3);
        assertThat(outcomes).containsKey("plugin.properties > is read from fixture-1.2.0.zip!/plugin.properties");
    }

    @Test
    void refusesABundledSdkAndStrayFiles() throws IOException {
        Map<String, KitRun.Outcome> bad = KitRun.notPassed(run(zip(List.of("plugin.properties", "classes/META-INF/extensions.idx",
                "lib/baihua-sdk-0.1.0.jar", "lib/pf4j-3.13.0.jar", "README.md"))));

        assertThat(bad.get("zip fixture-1.2.0.zip > leaves the SDK and PF4J to the host").message())
                .contains("lib/baihua-sdk-0.1.0.jar", "lib/pf4j-3.13.0.jar", "scope provided");
        assertThat(bad.get("zip fixture-1.2.0.zip > holds only plugin.properties, classes/ and lib/*.jar").message()).contains("[README.md]");
    }
}
