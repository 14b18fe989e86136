package org.baihua.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.baihua.core.NotFoundException;
import org.baihua.sdk.Domain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {

    @TempDir
    Path tmp;

    private Path pluginsDir;
    private PluginFixtures fixtures;
    private PluginHost host;

    @BeforeEach
    void setUp() throws Exception {
        pluginsDir = Files.createDirectories(tmp.resolve("plugins"));
        fixtures = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures")));
    }

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
    }

    private PluginHost newHost() {
        PluginHostConfig config = PluginHostConfig.of(pluginsDir, tmp.resolve("data"), "0.1.0");
        host = Guice.createInjector(new PluginModule(config)).getInstance(PluginHost.class);
        return host;
    }

    private void good(String id, String domainId) throws Exception {
        Path zip = fixtures.plugin(id).domain("fixture." + id.replace('-', '_') + ".TheDomain", domainId).build(id + ".zip");
        Files.move(zip, pluginsDir.resolve(id + ".zip"));
    }

    private PluginInfo find(String id) {
        return host.list().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void loadsPluginsAndTheirDomains() throws Exception {
        good("alpha", "alpha-domain");
        good("beta", "beta-domain");
        newHost().loadAll();

        assertThat(host.list()).extracting(PluginInfo::id, PluginInfo::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", PluginState.STARTED),
                        org.assertj.core.groups.Tuple.tuple("beta", PluginState.STARTED));
        assertThat(find("alpha").domains()).containsExactly("alpha-domain");
        assertThat(host.extensions(Domain.class)).extracting(c -> c.extension().id())
                .containsExactlyInAnyOrder("alpha-domain", "beta-domain");
    }

    @Test
    void eachBrokenPluginFailsWithItsReasonWhileTheOthersRun() throws Exception {
        good("healthy", "healthy-domain");
        Files.move(fixtures.plugin("nodesc").noDescriptor().domain("fixture.nodesc.D", "x1").build("nodesc.zip"),
                pluginsDir.resolve("nodesc.zip"));
        Files.move(fixtures.plugin("badid").property("plugin.id", "Bad Id!").build("badid.zip"), pluginsDir.resolve("badid.zip"));
        Files.move(fixtures.plugin("noclass").property("plugin.class", "fixture.missing.Nope").build("noclass.zip"),
                pluginsDir.resolve("noclass.zip"));
        Files.move(fixtures.plugin("boom").property("plugin.class", "fixture.boom.BoomPlugin")
                .source("fixture.boom.BoomPlugin", """
                        package fixture.boom;
                        public class BoomPlugin extends org.pf4j.Plugin {
                            @Override public void start() { throw new IllegalStateException("cannot reach the licence server"); }
                        }
                        """).build("boom.zip"), pluginsDir.resolve("boom.zip"));
        Files.move(fixtures.plugin("future").property("plugin.requires", ">=9.0.0").domain("fixture.future.D", "future")
                .build("future.zip"), pluginsDir.resolve("future.zip"));
        Files.move(fixtures.plugin("healthy").domain("fixture.dup.D", "dup-domain").build("zz-duplicate.zip"),
                pluginsDir.resolve("zz-duplicate.zip"));
        Files.move(fixtures.plugin("slip").entry("../../evil.txt", "owned").build("slip.zip"), pluginsDir.resolve("slip.zip"));
        Files.move(fixtures.plugin("clash").domain("fixture.clash.D", "healthy-domain").build("zz-clash.zip"),
                pluginsDir.resolve("zz-clash.zip"));
        Files.move(fixtures.plugin("noext").entry("classes/META-INF/extensions.idx", "fixture.gone.Missing\n")
                .build("noext.zip"), pluginsDir.resolve("noext.zip"));
        Files.move(fixtures.plugin("badctor").domain("fixture.badctor.D", "badctor-domain").source("fixture.badctor.Adapter", """
                package fixture.badctor;
                import org.baihua.sdk.*;
                @org.pf4j.Extension
                public class Adapter implements DataAdapter {
                    public Adapter(String needsSomething) { }
                    public String format() { return "x"; }
                    public void read(java.io.InputStream in, AdapterOptions o, RecordSink s) { }
                }
                """).build("badctor.zip"), pluginsDir.resolve("badctor.zip"));

        newHost().loadAll();

        assertThat(find("healthy").state()).isEqualTo(PluginState.STARTED);
        assertThat(find("healthy").domains()).containsExactly("healthy-domain");
        assertThat(find("nodesc.zip").failureReason()).contains("nodesc.zip").contains("no plugin.properties");
        assertThat(find("badid.zip").failureReason()).contains("invalid plugin.id 'Bad Id!'");
        assertThat(find("noclass").failureReason()).contains("Plugin 'noclass'").contains("fixture.missing.Nope");
        assertThat(find("boom").failureReason()).contains("Plugin 'boom'").contains("cannot reach the licence server");
        assertThat(find("future").failureReason()).contains("Plugin 'future' requires host >=9.0.0, but this host is 0.1.0");
        assertThat(find("zz-duplicate.zip").failureReason()).contains("same id").contains("healthy.zip");
        assertThat(find("slip.zip").failureReason()).contains("outside its folder").contains("../../evil.txt");
        assertThat(find("clash").failureReason()).contains("Plugin 'clash'").contains("'healthy-domain' is already provided");
        assertThat(find("noext").failureReason()).contains("Plugin 'noext'").contains("fixture.gone.Missing");
        assertThat(find("badctor").failureReason()).contains("Plugin 'badctor'").contains("DataAdapter extension could not be created")
                .contains("java.lang.String");
        assertThat(host.list()).filteredOn(p -> !p.id().equals("healthy"))
                .allSatisfy(p -> assertThat(p.state()).isEqualTo(PluginState.FAILED));
        assertThat(tmp.resolve("evil.txt")).doesNotExist();
        assertThat(tmp.resolve("data/evil.txt")).doesNotExist();
        assertThat(host.extensions(Domain.class)).extracting(c -> c.extension().id()).containsExactly("healthy-domain");
    }

    @Test
    void stopStartDisableEnableSurviveAndDisabledStaysDisabledAfterRestart() throws Exception {
        good("alpha", "alpha-domain");
        newHost().loadAll();

        assertThat(host.stop("alpha").state()).isEqualTo(PluginState.STOPPED);
        assertThat(host.extensions(Domain.class)).isEmpty();
        assertThat(host.start("alpha").state()).isEqualTo(PluginState.STARTED);
        assertThat(host.disable("alpha").state()).isEqualTo(PluginState.DISABLED);
        host.close();

        newHost().loadAll();
        assertThat(find("alpha").state()).isEqualTo(PluginState.DISABLED);
        assertThat(host.enable("alpha").state()).isEqualTo(PluginState.STARTED);
        assertThat(find("alpha").domains()).containsExactly("alpha-domain");
    }

    @Test
    void deleteThenInstallAgainAtRunTime() throws Exception {
        good("alpha", "alpha-domain");
        newHost().loadAll();
        List<String> removed = new java.util.ArrayList<>();
        host.onRemoval(pin -> removed.add(pin.pluginId()));

        host.delete("alpha");
        assertThat(host.list()).isEmpty();
        assertThat(pluginsDir.resolve("alpha.zip")).doesNotExist();
        assertThat(removed).containsExactly("alpha");
        assertThatThrownBy(() -> host.info("alpha")).isInstanceOf(NotFoundException.class)
                .hasMessage("Plugin 'alpha' is not installed");

        Path upload = fixtures.plugin("alpha").domain("fixture.alpha2.D", "alpha-domain").build("upload.zip");
        PluginInfo installed = host.install(upload);
        assertThat(installed.state()).isEqualTo(PluginState.STARTED);
        assertThat(installed.domains()).containsExactly("alpha-domain");
        assertThat(pluginsDir.resolve("alpha-1.0.0.zip")).exists();

        assertThatThrownBy(() -> host.install(upload)).isInstanceOf(PluginException.class)
                .hasMessageContaining("Plugin 'alpha' version 1.0.0 is already installed");
    }

    @Test
    void aFailingInstallLeavesNothingBehind() throws Exception {
        newHost().loadAll();
        Path boom = fixtures.plugin("boom").property("plugin.class", "fixture.boom2.BoomPlugin")
                .source("fixture.boom2.BoomPlugin", """
                        package fixture.boom2;
                        public class BoomPlugin extends org.pf4j.Plugin {
                            @Override public void start() { throw new IllegalStateException("broken on purpose"); }
                        }
                        """).build("boom.zip");
        assertThatThrownBy(() -> host.install(boom)).isInstanceOf(PluginException.class).hasMessageContaining("broken on purpose");
        Path slip = fixtures.plugin("slip").entry("../escape.txt", "x").build("slip.zip");
        assertThatThrownBy(() -> host.install(slip)).isInstanceOf(PluginException.class).hasMessageContaining("outside its folder");
        Path future = fixtures.plugin("future").property("plugin.requires", ">=2.0.0").build("future.zip");
        assertThatThrownBy(() -> host.install(future)).hasMessageContaining("requires host >=2.0.0");

        assertThat(host.list()).isEmpty();
        try (var files = Files.list(pluginsDir)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void pluginsWithoutDomainsBackslashNamesOrBombsAreRefusedBeforeAnythingIsWritten() throws Exception {
        newHost().loadAll();
        Path noDomain = fixtures.plugin("nodomain").source("fixture.nodomain.Adapter", """
                package fixture.nodomain;
                import org.baihua.sdk.*;
                @org.pf4j.Extension
                public class Adapter implements DataAdapter {
                    public String format() { return "x"; }
                    public void read(java.io.InputStream in, AdapterOptions o, RecordSink s) { }
                }
                """).build("nodomain.zip");
        assertThatThrownBy(() -> host.install(noDomain)).isInstanceOf(PluginException.class)
                .hasMessageContaining("Plugin 'nodomain' contributes no domain");
        Path backslash = fixtures.plugin("backslash").domain("fixture.backslash.D", "backslash-domain")
                .entry("classes\\evil.txt", "x").build("backslash.zip");
        assertThatThrownBy(() -> host.install(backslash)).isInstanceOf(PluginException.class).hasMessageContaining("backslash");
        // 64 MiB of zeros deflate to about 64 KiB: far beyond 200 times the zip's size, refused from the declared sizes.
        Path bomb = fixtures.plugin("bomb").domain("fixture.bomb.D", "bomb-domain").build("bomb.zip");
        try (java.nio.file.FileSystem zipfs = java.nio.file.FileSystems.newFileSystem(bomb, java.util.Map.of());
             var out = Files.newOutputStream(zipfs.getPath("classes/zeros.bin"))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        assertThatThrownBy(() -> host.install(bomb)).isInstanceOf(PluginException.class).hasMessageContaining("declares more than")
                .hasMessageContaining("nothing was written");
        assertThat(host.list()).isEmpty();
        try (var files = Files.walk(tmp)) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("zeros.bin")).toList()).isEmpty();
        }
    }

    @Test
    void aZipOffTheAllowListIsRefusedBeforeItIsExpandedOrAnyClassLoads() throws Exception {
        Path marker = tmp.resolve("static-initializer-ran");
        // A static initializer that leaves a marker, and an entry that would fail expansion: the refusal
        // must name the allow-list, so the checksum is checked before either could happen.
        Path stranger = fixtures.plugin("stranger").source("fixture.stranger.D", """
                package fixture.stranger;
                import java.util.List;
                import org.baihua.sdk.*;
                @org.pf4j.Extension
                public class D implements Domain {
                    static {
                        try {
                            java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                    public String id() { return "stranger-domain"; }
                    public String displayName() { return "stranger"; }
                    public List<TaskSpec> tasks() {
                        return List.of(new TaskSpec("topic", "a test task", TaskKind.MULTICLASS, List.of(),
                                List.of(FieldSpec.text("text", "some text")), HeadSpec.linear(), Metric.MACRO_F1, null));
                    }
                }
                """.formatted(marker.toString().replace("\\", "\\\\"))).entry("../escape.txt", "x").build("stranger.zip");
        Path trusted = fixtures.plugin("trusted").domain("fixture.trusted.D", "trusted-domain").build("trusted.zip");
        Files.copy(stranger, pluginsDir.resolve("stranger.zip"));
        PluginHostConfig config = PluginHostConfig.of(pluginsDir, tmp.resolve("data"), "0.1.0", java.util.Set.of(sha256(trusted).toUpperCase()));
        host = Guice.createInjector(new PluginModule(config)).getInstance(PluginHost.class);

        host.loadAll();
        PluginInfo atStart = host.list().stream().filter(p -> p.file() != null && p.file().equals("stranger.zip")).findFirst().orElseThrow();
        assertThat(atStart.state()).isEqualTo(PluginState.FAILED);
        assertThat(atStart.failureReason()).contains("SHA-256 " + sha256(stranger), "plugins.allowed-sha256");
        assertThatThrownBy(() -> host.install(stranger)).isInstanceOf(PluginException.class)
                .satisfies(e -> assertThat(((PluginException) e).kind()).isEqualTo(org.baihua.core.BaihuaException.Kind.FORBIDDEN))
                .hasMessageContaining("(SHA-256 " + sha256(stranger) + ") is not on the allow-list plugins.allowed-sha256")
                .hasMessageContaining("nothing of it was loaded");
        assertThat(marker).as("the refused plugin's static initializer").doesNotExist();
        try (var work = Files.walk(tmp.resolve("data"))) {
            assertThat(work.filter(Files::isRegularFile).toList()).as("files expanded from the refused zip").isEmpty();
        }
        assertThat(tmp.resolve("escape.txt")).doesNotExist();
        assertThat(host.extensions(Domain.class)).isEmpty();

        assertThat(host.install(trusted).state()).isEqualTo(PluginState.STARTED);
        assertThat(host.extensions(Domain.class)).extracting(c -> c.extension().id()).containsExactly("trusted-domain");
        assertThat(marker).doesNotExist();
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void aZipWhoseDeclaredSizesLieIsStoppedAtTheLimitWhileExpanding() throws Exception {
        newHost().loadAll();
        Path liar = fixtures.plugin("liar").domain("fixture.liar.D", "liar-domain").build("liar.zip");
        try (java.nio.file.FileSystem zipfs = java.nio.file.FileSystems.newFileSystem(liar, java.util.Map.of());
             var out = Files.newOutputStream(zipfs.getPath("classes/zeros.bin"))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        lieAboutSize(liar, "classes/zeros.bin", 1_000);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(liar.toFile())) {
            assertThat(zip.getEntry("classes/zeros.bin").getSize()).as("the size the zip declares").isEqualTo(1_000);
        }
        assertThatThrownBy(() -> host.install(liar)).isInstanceOf(PluginException.class)
                .hasMessageContaining("Plugin zip 'liar.zip' expands to more than its limit")
                .satisfies(e -> assertThat(((PluginException) e).kind()).isEqualTo(org.baihua.core.BaihuaException.Kind.PAYLOAD_TOO_LARGE));
        assertThat(host.list()).isEmpty();
        try (var files = Files.walk(tmp.resolve("data"))) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("the partial expansion is removed").isEmpty();
        }
        try (var files = Files.list(pluginsDir)) {
            assertThat(files.toList()).isEmpty();
        }
        // The streaming check stops before the write that would cross the limit.
        java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        assertThatThrownBy(() -> PluginZips.copyBounded(new java.io.ByteArrayInputStream(new byte[1 << 20]), written, 300_000, "liar.zip"))
                .isInstanceOf(PluginException.class).hasMessageContaining("expands to more than its limit");
        assertThat(written.size()).isLessThanOrEqualTo(300_000);
    }

    /** Rewrites the uncompressed size an entry declares in the zip's central directory (and in its local header, unless a data descriptor holds it). */
    private static void lieAboutSize(Path zip, String entry, int size) throws Exception {
        byte[] bytes = Files.readAllBytes(zip);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] name = entry.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean patched = false;
        for (int at = 0; at + 46 + name.length <= bytes.length; at++) {
            if (buffer.getInt(at) == 0x02014b50 && buffer.getShort(at + 28) == name.length
                    && java.util.Arrays.equals(bytes, at + 46, at + 46 + name.length, name, 0, name.length)) {
                buffer.putInt(at + 24, size);
                patched = true;
            }
            if (buffer.getInt(at) == 0x04034b50 && buffer.getShort(at + 26) == name.length && buffer.getInt(at + 22) != 0
                    && java.util.Arrays.equals(bytes, at + 30, at + 30 + name.length, name, 0, name.length)) {
                buffer.putInt(at + 22, size);
            }
        }
        assertThat(patched).as("central directory entry of " + entry).isTrue();
        Files.write(zip, bytes);
    }

    @Test
    void unloadReleasesThePluginClassLoader() throws Exception {
        good("alpha", "alpha-domain");
        newHost().loadAll();
        WeakReference<ClassLoader> loader = new WeakReference<>(
                host.extensions(Domain.class).get(0).extension().getClass().getClassLoader());

        host.unload("alpha");
        assertThat(host.list()).isEmpty();

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (loader.get() != null && System.nanoTime() < deadline) {
            System.gc();
            byte[] pressure = new byte[1 << 20];
            assertThat(pressure).hasSize(1 << 20);
        }
        assertThat(loader.get()).as("plugin class loader collected after unload").isNull();
    }

    @Test
    void extensionsReceiveHostServicesByConstructorInjection() throws Exception {
        Path zip = fixtures.plugin("injected").source("fixture.injected.VersionedDomain", """
                package fixture.injected;
                import java.util.List;
                import org.baihua.sdk.*;
                @org.pf4j.Extension
                public class VersionedDomain implements Domain {
                    private final HostInfo host;
                    public VersionedDomain(HostInfo host) { this.host = host; }
                    public String id() { return "v" + host.version().replace('.', '-'); }
                    public String displayName() { return "injected"; }
                    public List<TaskSpec> tasks() {
                        return List.of(new TaskSpec("t", "a task", TaskKind.BINARY, List.of("a", "b"),
                                List.of(FieldSpec.numeric("x", "a number")), null, Metric.ROC_AUC, null));
                    }
                }
                """).build("injected.zip");
        Files.move(zip, pluginsDir.resolve("injected.zip"));
        newHost().loadAll();
        assertThat(find("injected").domains()).containsExactly("v0-1-0");
    }

    @Test
    void aPluginWhoseTasksBreakTheSdkRulesFailsAtInstallWithTheReason() throws Exception {
        newHost().loadAll();
        Path twoClass = fixtures.plugin("two-class").source("fixture.twoclass.TwoClassDomain", """
                package fixture.twoclass;
                import java.util.List;
                import org.baihua.sdk.*;
                @org.pf4j.Extension
                public class TwoClassDomain implements Domain {
                    public String id() { return "two-class"; }
                    public String displayName() { return "two classes"; }
                    public List<TaskSpec> tasks() {
                        return List.of(new TaskSpec("t", "a task", TaskKind.MULTICLASS, List.of("a", "b"),
                                List.of(FieldSpec.numeric("x", "a number")), null, Metric.F1, null));
                    }
                }
                """).build("two-class.zip");
        assertThatThrownBy(() -> host.install(twoClass)).isInstanceOf(PluginException.class)
                .hasMessageContaining("Plugin 'two-class': domain fixture.twoclass.TwoClassDomain declares an invalid task")
                .hasMessageContaining("multiclass task 't' has 2 labels [a, b]; a multiclass task has 3 or more")
                .hasMessageContaining("uses F1, the positive class's F1 of a binary task");

        Path undescribed = fixtures.plugin("undescribed").source("fixture.undescribed.BareDomain", """
                package fixture.undescribed;
                import java.util.List;
                import org.baihua.sdk.*;
                @org.pf4j.Extension
                public class BareDomain implements Domain {
                    public String id() { return "bare"; }
                    public String displayName() { return "bare"; }
                    public List<TaskSpec> tasks() {
                        return List.of(new TaskSpec("t", "", TaskKind.BINARY, List.of("a", "b"),
                                List.of(FieldSpec.numeric("x", "")), null, Metric.ROC_AUC, null));
                    }
                }
                """).build("undescribed.zip");
        assertThatThrownBy(() -> host.install(undescribed)).isInstanceOf(PluginException.class)
                .hasMessageContaining("Plugin 'undescribed': domain 'bare': task 't' has no description")
                .hasMessageContaining("field 'x' (numeric) has no description");
        assertThat(host.list()).isEmpty();
    }

    @Test
    void eachExtensionIsCreatedOncePerPluginStart() throws Exception {
        good("alpha", "alpha-domain");
        newHost().loadAll();
        Domain first = host.extensions(Domain.class).get(0).extension();

        assertThat(host.extensions(Domain.class).get(0).extension()).as("a second lookup").isSameAs(first);

        host.stop("alpha");
        assertThat(host.extensions(Domain.class)).isEmpty();
        host.start("alpha");
        Domain afterRestart = host.extensions(Domain.class).get(0).extension();
        assertThat(afterRestart).as("a new instance after stop/start").isNotSameAs(first);
        assertThat(host.extensions(Domain.class).get(0).extension()).isSameAs(afterRestart);
    }

    @Test
    void aFailedPluginKeepsItsExceptionAndItsStackIsLoggedOnce() throws Exception {
        good("healthy", "healthy-domain");
        Files.move(fixtures.plugin("boom").property("plugin.class", "fixture.boom3.BoomPlugin")
                .source("fixture.boom3.BoomPlugin", """
                        package fixture.boom3;
                        public class BoomPlugin extends org.pf4j.Plugin {
                            @Override public void start() { throw new IllegalStateException("cannot reach the licence server"); }
                        }
                        """).build("boom.zip"), pluginsDir.resolve("boom.zip"));
        Files.move(fixtures.plugin("nodesc").noDescriptor().build("nodesc.zip"), pluginsDir.resolve("nodesc.zip"));
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            newHost().loadAll();
            host.list();
            host.info("boom");
        } finally {
            root.detachAppender(logged);
        }

        PluginFailure boom = host.failure("boom").orElseThrow();
        assertThat(boom.reason()).contains("Plugin 'boom'", "cannot reach the licence server");
        assertThat(boom.cause()).isInstanceOf(IllegalStateException.class).hasMessage("cannot reach the licence server");
        assertThat(host.failure("nodesc.zip").orElseThrow().cause()).isInstanceOf(PluginException.class)
                .hasMessageContaining("no plugin.properties");
        assertThat(host.failure("healthy")).isEmpty();
        assertThat(logged.list).filteredOn(e -> e.getThrowableProxy() != null
                        && "cannot reach the licence server".equals(e.getThrowableProxy().getMessage()))
                .as("the stack of the start failure, logged once").hasSize(1);
    }
}
