package org.baihua.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.Settings;
import org.baihua.core.plugin.DomainCatalog;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.plugin.PluginInfo;
import org.baihua.core.plugin.PluginState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three real plugin zips in a host: list, stop, unload, delete and install again. */
class BundledPluginsIT {

    @TempDir
    Path tmp;

    @Test
    void theRealPluginsGoThroughTheirLifecycle() throws Exception {
        Path pluginsDir = Files.createDirectories(tmp.resolve("plugins"));
        for (Path zip : Dist.pluginZips()) {
            Files.copy(zip, pluginsDir.resolve(zip.getFileName()));
        }
        try (BaihuaHost host = BaihuaHost.start(new Settings(Map.of(
                "server.port", "0", "data.dir", tmp.resolve("data").toString(), "plugins.dir", pluginsDir.toString())))) {
            PluginHost plugins = host.injector().getInstance(PluginHost.class);
            DomainCatalog domains = host.injector().getInstance(DomainCatalog.class);

            assertThat(plugins.list()).extracting(PluginInfo::id).containsExactly("finance", "industrial", "medical");
            assertThat(plugins.list()).allSatisfy(p -> assertThat(p.state()).isEqualTo(PluginState.STARTED));
            assertThat(domains.domains()).extracting(e -> e.domain().id()).containsExactly("finance", "industrial", "medical");
            assertThat(domains.task("finance", "credit-risk").labels()).containsExactly("good", "bad");
            for (DomainCatalog.Entry entry : domains.domains()) {
                assertThat(entry.domain().tasks()).as(entry.domain().id() + " tasks").hasSizeGreaterThanOrEqualTo(2);
            }

            assertThat(plugins.stop("finance").state()).isEqualTo(PluginState.STOPPED);
            assertThat(domains.domains()).extracting(e -> e.domain().id()).containsExactly("industrial", "medical");
            assertThat(plugins.start("finance").state()).isEqualTo(PluginState.STARTED);

            plugins.unload("medical");
            assertThat(plugins.list()).extracting(PluginInfo::id).containsExactly("finance", "industrial");

            Path industrialZip = Dist.pluginZips().stream().filter(p -> p.getFileName().toString().contains("industrial"))
                    .findFirst().orElseThrow();
            plugins.delete("industrial");
            assertThat(plugins.list()).extracting(PluginInfo::id).containsExactly("finance");
            assertThat(domains.domains()).extracting(e -> e.domain().id()).containsExactly("finance");

            PluginInfo again = plugins.install(industrialZip);
            assertThat(again.state()).isEqualTo(PluginState.STARTED);
            assertThat(again.domains()).containsExactly("industrial");
            assertThat(domains.task("industrial", "failure-mode").labels()).containsExactly("TWF", "HDF", "PWF", "OSF", "RNF");
        }
    }
}
