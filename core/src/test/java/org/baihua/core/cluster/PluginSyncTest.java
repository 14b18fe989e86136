package org.baihua.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.baihua.core.plugin.PluginArchive;
import org.baihua.core.plugin.PluginFixtures;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.plugin.PluginHostConfig;
import org.baihua.core.plugin.PluginInfo;
import org.baihua.core.plugin.PluginModule;
import org.baihua.core.registry.Database;
import org.baihua.core.registry.RegistryConfig;
import org.baihua.core.storage.BlobCache;
import org.baihua.core.storage.LocalObjectStore;
import org.baihua.core.storage.SharedStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts sharing one object store (files here; S3 in ThreeHostsIT) keep their plugins in line
 * version by version: a second version of a plugin the other host already has reaches it beside the
 * first, removing one version leaves the other, and enable/disable follow (each host reconciling as
 * its poll does; notifications only make it sooner).
 */
class PluginSyncTest {

    @TempDir
    Path tmp;

    private PluginFixtures fixtures;
    private Database database;
    private Host one;
    private Host two;

    private record Host(PluginHost plugins, PluginSync sync, SharedStorage shared) {
        List<String> states() {
            return plugins.list().stream().map(p -> p.id() + "@" + p.version() + ":" + p.state()).sorted().toList();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        fixtures = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures")));
        database = new Database(new RegistryConfig("jdbc:sqlite:" + tmp.resolve("registry.db"), null, null, 2));
        LocalObjectStore bucket = new LocalObjectStore(Files.createDirectories(tmp.resolve("bucket")));
        one = host("one", bucket);
        two = host("two", bucket);
    }

    private Host host(String name, LocalObjectStore bucket) throws Exception {
        SharedStorage shared = new SharedStorage(bucket, new BlobCache(tmp.resolve(name + "/cache"), 1 << 20), Duration.ofMinutes(60));
        PluginHostConfig config = PluginHostConfig.of(Files.createDirectories(tmp.resolve(name + "/plugins")), tmp.resolve(name + "/data"),
                "0.1.0");
        PluginHost plugins = Guice.createInjector(new PluginModule(config)).getInstance(PluginHost.class);
        plugins.loadAll();
        PluginSync sync = new PluginSync(plugins, new PluginArchive(config, Optional.of(shared)),
                new ClusterSignals(new ClusterConfig(name, false, 2000), database));
        return new Host(plugins, sync, shared);
    }

    @AfterEach
    void tearDown() {
        one.plugins().close();
        two.plugins().close();
        database.close();
    }

    private Path alpha(String version) throws Exception {
        return fixtures.plugin("alpha").property("plugin.version", version)
                .domain("fixture.alpha_" + version.replace('.', '_') + ".D", "alpha-domain").build("alpha-" + version + ".zip");
    }

    @Test
    void versionsAndTheirStatesReachTheOtherHost() throws Exception {
        one.sync().install(alpha("1.0.0"));
        two.sync().reconcile();
        assertThat(two.states()).containsExactly("alpha@1.0.0:STARTED");

        // a second version of an id the other host already has is installed there beside the first (the first,
        // pinned by no model, is retired there as it is here)
        PluginInfo second = one.sync().install(alpha("1.1.0"));
        assertThat(second.version()).isEqualTo("1.1.0");
        two.sync().reconcile();
        assertThat(two.states()).contains("alpha@1.1.0:STARTED").hasSize(2).isEqualTo(one.states());

        // disabling a version on host 1 disables it on host 2; enabling it again enables it there
        one.sync().disable("alpha", "1.1.0");
        two.sync().reconcile();
        assertThat(two.states()).contains("alpha@1.1.0:DISABLED").isEqualTo(one.states());
        one.sync().enable("alpha", "1.1.0");
        two.sync().reconcile();
        assertThat(two.states()).contains("alpha@1.1.0:STARTED").isEqualTo(one.states());

        // and the other way round, for every version at once
        two.sync().disable("alpha", null);
        one.sync().reconcile();
        assertThat(one.states()).contains("alpha@1.1.0:DISABLED").isEqualTo(two.states());
        two.sync().enable("alpha", null);
        one.sync().reconcile();
        assertThat(one.states()).contains("alpha@1.1.0:STARTED").isEqualTo(two.states());

        // removing one version leaves the other on both hosts
        one.sync().delete("alpha", "1.0.0", false);
        two.sync().reconcile();
        assertThat(one.states()).containsExactly("alpha@1.1.0:STARTED");
        assertThat(two.states()).containsExactly("alpha@1.1.0:STARTED");

        // a host starting later catches up with the versions and their states
        one.sync().disable("alpha", "1.1.0");
        LocalObjectStore bucket = new LocalObjectStore(tmp.resolve("bucket"));
        Host three = host("three", bucket);
        try {
            three.sync().reconcile();
            assertThat(three.states()).containsExactly("alpha@1.1.0:DISABLED");
        } finally {
            three.plugins().close();
        }
    }

    @Test
    void aPluginDisabledOnlyLocallyIsNotEnabledByTheSync() throws Exception {
        one.sync().install(alpha("1.0.0"));
        two.sync().reconcile();
        two.plugins().disable("alpha", "1.0.0"); // not through the sync: a local decision
        two.sync().reconcile();
        assertThat(two.states()).containsExactly("alpha@1.0.0:DISABLED");
        assertThat(one.states()).containsExactly("alpha@1.0.0:STARTED");
    }
}
