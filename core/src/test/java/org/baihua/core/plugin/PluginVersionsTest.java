package org.baihua.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.baihua.core.ConflictException;
import org.baihua.core.NotFoundException;
import org.baihua.sdk.Domain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several versions of one plugin side by side, each with its own class loader; pins, removal rules and unloading. */
class PluginVersionsTest {

    @TempDir
    Path tmp;

    private PluginFixtures fixtures;
    private PluginHost host;
    /** The versions "models" pin, as the registry would answer. */
    private final Set<String> pinned = new CopyOnWriteArraySet<>();

    @BeforeEach
    void setUp() throws Exception {
        fixtures = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures")));
        PluginHostConfig config = PluginHostConfig.of(Files.createDirectories(tmp.resolve("plugins")), tmp.resolve("data"), "0.1.0");
        host = Guice.createInjector(new PluginModule(config)).getInstance(PluginHost.class);
        host.usedBy(pin -> pinned.contains(pin.version()) ? List.of("m v" + pin.version().charAt(0)) : List.of());
        host.loadAll();
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    /** Version {@code version} of plugin {@code alpha}: its domain's display name says which build it is. */
    private Path alpha(String version) throws Exception {
        String pkg = "fixture.alpha_" + version.replace('.', '_');
        return fixtures.plugin("alpha").property("plugin.version", version).source(pkg + ".D", """
                package %s;
                import java.util.List;
                import org.baihua.sdk.*;
                @org.pf4j.Extension
                public class D implements Domain {
                    public String id() { return "alpha-domain"; }
                    public String displayName() { return "build %s"; }
                    public List<TaskSpec> tasks() {
                        return List.of(new TaskSpec("topic", "a test task", TaskKind.MULTICLASS, List.of(),
                                List.of(FieldSpec.text("text", "some text")), HeadSpec.linear(), Metric.MACRO_F1, null));
                    }
                }
                """.formatted(pkg, version)).build("alpha-" + version + ".zip");
    }

    private String name(PluginPin pin) {
        return host.extensions(Domain.class, pin).get(0).extension().displayName();
    }

    @Test
    void versionsLoadSideBySideAndPinsSelectTheirOwn() throws Exception {
        pinned.add("1.0.0");
        host.install(alpha("1.0.0"));
        PluginInfo second = host.install(alpha("1.1.0"));

        assertThat(second.current()).isTrue();
        assertThat(host.list()).extracting(PluginInfo::version, PluginInfo::state, PluginInfo::current)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1.1.0", PluginState.STARTED, true),
                        org.assertj.core.groups.Tuple.tuple("1.0.0", PluginState.STARTED, false));
        assertThat(host.info("alpha", "1.0.0").pinnedBy()).containsExactly("m v1");
        // without a pin: the current (newest) version only, so a domain is never seen twice
        assertThat(host.extensions(Domain.class)).extracting(c -> c.extension().displayName()).containsExactly("build 1.1.0");
        assertThat(name(new PluginPin("alpha", "1.0.0"))).isEqualTo("build 1.0.0");
        assertThat(name(new PluginPin("alpha", "1.1.0"))).isEqualTo("build 1.1.0");
        assertThat(host.extensions(Domain.class, new PluginPin("alpha", "1.0.0")).get(0).extension().getClass().getClassLoader())
                .isNotSameAs(host.extensions(Domain.class).get(0).extension().getClass().getClassLoader());

        assertThatThrownBy(() -> host.install(alpha("1.1.0"))).isInstanceOf(PluginException.class)
                .hasMessageContaining("Plugin 'alpha' version 1.1.0 is already installed");
        assertThatThrownBy(() -> host.delete("alpha", "2.0.0", false)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("has no version 2.0.0").hasMessageContaining("1.1.0").hasMessageContaining("1.0.0");
    }

    @Test
    void aPinnedVersionIsNotRemovedUnlessForced() throws Exception {
        pinned.add("1.0.0");
        host.install(alpha("1.0.0"));
        host.install(alpha("1.1.0"));

        assertThatThrownBy(() -> host.delete("alpha", "1.0.0", false)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("Plugin 'alpha' version 1.0.0 is pinned by model versions [m v1]")
                .hasMessageContaining("--force");
        assertThatThrownBy(() -> host.delete("alpha")).isInstanceOf(ConflictException.class);
        assertThat(host.list()).hasSize(2);

        host.delete("alpha", "1.0.0", true);
        assertThat(host.list()).extracting(PluginInfo::version).containsExactly("1.1.0");
        assertThat(tmp.resolve("plugins/alpha-1.0.0.zip")).doesNotExist();
        assertThat(host.unavailable(new PluginPin("alpha", "1.0.0"))).contains("plugin 'alpha' version 1.0.0 is not installed");
        assertThat(host.ensureLoaded(new PluginPin("alpha", "1.0.0"))).isFalse();
    }

    @Test
    void anUnusedOldVersionUnloadsReleasingItsClassLoaderAndLoadsAgainWhenNeeded() throws Exception {
        pinned.add("1.0.0");
        host.install(alpha("1.0.0"));
        host.install(alpha("1.1.0"));
        PluginPin old = new PluginPin("alpha", "1.0.0");
        WeakReference<ClassLoader> loader = new WeakReference<>(
                host.extensions(Domain.class, old).get(0).extension().getClass().getClassLoader());
        List<PluginPin> removed = new java.util.concurrent.CopyOnWriteArrayList<>();
        host.onRemoval(removed::add);

        host.retireUnused();
        assertThat(host.info("alpha", "1.0.0").state()).as("still pinned").isEqualTo(PluginState.STARTED);

        pinned.clear(); // the last model of 1.0.0 is archived
        host.retireUnused();
        assertThat(removed).containsExactly(old);
        assertThat(host.info("alpha", "1.0.0").state()).isEqualTo(PluginState.UNLOADED);
        assertThat(host.info("alpha", "1.1.0").state()).as("the newest stays").isEqualTo(PluginState.STARTED);
        assertThat(host.extensions(Domain.class, old)).isEmpty();
        assertThat(tmp.resolve("plugins/alpha-1.0.0.zip")).as("the zip is kept").exists();

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (loader.get() != null && System.nanoTime() < deadline) {
            System.gc();
            byte[] pressure = new byte[1 << 20];
            assertThat(pressure).hasSize(1 << 20);
        }
        assertThat(loader.get()).as("the unloaded version's class loader is collected").isNull();

        // an archived model of 1.0.0 promoted again: its version loads again from the zip
        assertThat(host.ensureLoaded(old)).isTrue();
        assertThat(name(old)).isEqualTo("build 1.0.0");
        assertThat(host.extensions(Domain.class)).extracting(c -> c.extension().displayName()).containsExactly("build 1.1.0");
    }

    @Test
    void aRestartUnloadsUnusedOldVersionsAndKeepsTheNewest() throws Exception {
        host.install(alpha("1.0.0"));
        host.install(alpha("1.1.0"));
        assertThat(host.info("alpha", "1.0.0").state()).as("nobody pins it").isEqualTo(PluginState.UNLOADED);
        host.close();

        PluginHostConfig config = PluginHostConfig.of(tmp.resolve("plugins"), tmp.resolve("data"), "0.1.0").withKeepVersions(2);
        host = Guice.createInjector(new PluginModule(config)).getInstance(PluginHost.class);
        host.loadAll();
        assertThat(host.list()).as("keep 2").extracting(PluginInfo::state).containsOnly(PluginState.STARTED);
        assertThat(host.info("alpha").version()).isEqualTo("1.1.0");
    }
}
