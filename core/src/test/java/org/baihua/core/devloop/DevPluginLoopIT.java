package org.baihua.core.devloop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.baihua.core.datasets.DatasetService;
import org.baihua.core.plugin.DevelopmentBuild;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.core.plugin.PluginFixtures;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.server.HostFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev loop on a real host: a plugin project's {@code target/classes} is loaded and its sample
 * ingested; rebuilds reload it (new classes and a new sample are served, an unchanged sample is
 * reused, not stored twice); a build that stops half-way keeps the previous one serving.
 */
class DevPluginLoopIT {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    /** A plugin whose domain's display name and sample rows are what the test changes between builds. */
    private static PluginFixtures.Builder plugin(PluginFixtures fixtures, String displayName, int rows) {
        StringBuilder csv = new StringBuilder("text,label\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i % 2 == 0 ? "the invoice " + i + " was charged twice,billing\n" : "the login " + i + " fails,access\n");
        }
        return fixtures.plugin("devplug")
                .source("dev.DevDomain", """
                        package dev;
                        import java.util.List;
                        import org.baihua.sdk.*;
                        @org.pf4j.Extension
                        public class DevDomain implements Domain {
                            public String id() { return "devdomain"; }
                            public String displayName() { return "%s"; }
                            public List<TaskSpec> tasks() {
                                return List.of(new TaskSpec("topic", "a test task", TaskKind.MULTICLASS, List.of(),
                                        List.of(FieldSpec.text("text", "some text")), HeadSpec.linear(), Metric.MACRO_F1, null));
                            }
                        }
                        """.formatted(displayName))
                .source("dev.DevSamples", """
                        package dev;
                        import java.io.InputStream;
                        import java.util.List;
                        import java.util.Map;
                        import org.baihua.sdk.*;
                        @org.pf4j.Extension
                        public class DevSamples implements SampleData {
                            public List<Sample> samples() {
                                return List.of(new Sample("notes", "devdomain", "topic", "csv", null, Map.of(), Map.of(), "written for this test"));
                            }
                            public InputStream open(String name) {
                                if (!name.equals("notes")) throw new IllegalArgumentException("no sample '" + name + "'");
                                return DevSamples.class.getClassLoader().getResourceAsStream("samples/notes.csv");
                            }
                        }
                        """)
                .entry("classes/samples/notes.csv", csv.toString());
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static String displayName(HostFixture host) {
        HostFixture.Response domain = host.get("/api/v1/domains/devdomain");
        return domain.status() == 200 ? domain.json().get("displayName").asText() : "(" + domain.status() + ")";
    }

    private static JsonNode datasets(HostFixture host) {
        return host.get("/api/v1/datasets").json();
    }

    @Test
    void loadsTheBuildIngestsItsSampleAndReloadsOnEveryRebuild() throws Exception {
        PluginFixtures fixtures = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures")));
        Path project = tmp.resolve("project");
        Path classes = plugin(fixtures, "First build", 10).buildInto(project);
        try (HostFixture host = new HostFixture(tmp, Map.of());
             DevPluginLoop loop = new DevPluginLoop(DevelopmentBuild.of(classes), host.get(PluginHost.class), host.get(DomainExtensions.class),
                     host.get(DatasetService.class), tmp.resolve("staging"), new PrintStream(console, true, StandardCharsets.UTF_8),
                     Duration.ofMillis(300), Duration.ofMillis(50))) {
            loop.start();
            assertThat(console()).contains("[dev] DEVELOPMENT MODE", classes.toString())
                    .contains("loaded plugin 'devplug' 1.0.0 from " + classes)
                    .contains("sample 'notes' (devdomain/topic): ingested as data set");
            assertThat(host.get("/api/v1/plugins").json().get(0).get("state").asText()).isEqualTo("STARTED");
            assertThat(displayName(host)).isEqualTo("First build");
            assertThat(datasets(host)).extracting(d -> d.get("rows").asInt()).containsExactly(10);

            // a rebuild with a changed class and a changed sample: both served, the new sample stored beside the old one
            plugin(fixtures, "Second build", 12).buildInto(project);
            await("the second build is served", () -> displayName(host).equals("Second build") && datasets(host).size() == 2);
            assertThat(datasets(host)).extracting(d -> d.get("rows").asInt()).containsExactlyInAnyOrder(10, 12);

            // a rebuild that changes nothing the sample is made of: the sample is reused, not stored again
            plugin(fixtures, "Second build", 12).entry("classes/notes.txt", "a resource that is new").buildInto(project);
            await("the third build is loaded", () -> console().contains("unchanged, data set"));
            assertThat(datasets(host)).hasSize(2);

            // a build that stopped half-way (classes emptied, nothing compiled yet): the previous build keeps serving
            int before = loop.reloads();
            Files.delete(classes.resolve("META-INF/extensions.idx"));
            await("the half-built state is seen", () -> loop.reloads() > before && console().contains("not loading this build"));
            assertThat(console()).contains("no META-INF/extensions.idx in " + classes, "the previous build keeps serving");
            assertThat(displayName(host)).isEqualTo("Second build");
            assertThat(host.get("/api/v1/plugins").json().get(0).get("state").asText()).isEqualTo("STARTED");

            // the next good build loads again
            plugin(fixtures, "Third build", 12).buildInto(project);
            await("the fourth build is served", () -> displayName(host).equals("Third build"));
            assertThat(datasets(host)).hasSize(2);
        }
    }

    @Test
    void aZipIsReloadedWhenRewrittenAndAHalfWrittenOneKeepsThePreviousServing() throws Exception {
        PluginFixtures fixtures = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures")));
        Path zip = plugin(fixtures, "Zipped once", 10).build("devplug-1.0.0.zip");
        try (HostFixture host = new HostFixture(tmp, Map.of());
             DevPluginLoop loop = new DevPluginLoop(DevelopmentBuild.of(zip), host.get(PluginHost.class), host.get(DomainExtensions.class),
                     host.get(DatasetService.class), tmp.resolve("staging"), new PrintStream(console, true, StandardCharsets.UTF_8),
                     Duration.ofMillis(300), Duration.ofMillis(50))) {
            loop.start();
            assertThat(console()).contains("loaded plugin 'devplug' 1.0.0 from " + zip, "ingested as data set");
            assertThat(displayName(host)).isEqualTo("Zipped once");

            // the packager has written half of the zip so far
            byte[] whole = Files.readAllBytes(plugin(fixtures, "Zipped twice", 12).build("next.zip"));
            Files.write(zip, java.util.Arrays.copyOf(whole, whole.length / 2));
            await("the half-written zip is seen", () -> console().contains("could not load the build"));
            assertThat(console()).contains("not a valid zip");
            assertThat(displayName(host)).isEqualTo("Zipped once");

            Files.write(zip, whole);
            await("the whole zip is served", () -> displayName(host).equals("Zipped twice") && datasets(host).size() == 2);
        }
    }

    @Test
    void aPluginThatFailsToStartIsShownFailedWithItsReason() throws Exception {
        PluginFixtures fixtures = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures")));
        Path classes = fixtures.plugin("brokenplug").domain("broken.BrokenDomain", "brokendomain")
                .source("broken.Boom", """
                        package broken;
                        @org.pf4j.Extension
                        public class Boom implements org.baihua.sdk.SampleData {
                            public Boom() { throw new IllegalStateException("the codebook is missing"); }
                            public java.util.List<Sample> samples() { return java.util.List.of(); }
                            public java.io.InputStream open(String name) { throw new IllegalArgumentException(name); }
                        }
                        """).buildInto(tmp.resolve("project"));
        try (HostFixture host = new HostFixture(tmp, Map.of());
             DevPluginLoop loop = new DevPluginLoop(DevelopmentBuild.of(classes), host.get(PluginHost.class), host.get(DomainExtensions.class),
                     host.get(DatasetService.class), tmp.resolve("staging"), new PrintStream(console, true, StandardCharsets.UTF_8),
                     Duration.ofMillis(300), Duration.ofMillis(50))) {
            loop.start();
            assertThat(console()).contains("loaded plugin 'brokenplug' 1.0.0 but it is FAILED", "the codebook is missing");
            JsonNode plugin = host.get("/api/v1/plugins").json().get(0);
            assertThat(plugin.get("state").asText()).isEqualTo("FAILED");
            assertThat(plugin.get("failureReason").asText()).contains("the codebook is missing");
            assertThat(datasets(host)).isEmpty();
        }
    }
}
