package org.baihua.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.Settings;
import org.baihua.core.plugin.PluginFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's client commands against a real host on an ephemeral port. */
class CliIT {

    private static final String ADMIN = "cli-admin-key-0123456789abcdef";

    @TempDir
    Path tmp;

    private BaihuaHost host;

    @BeforeEach
    void start() throws Exception {
        host = BaihuaHost.start(new Settings(Map.of("server.port", "0", "data.dir", tmp.resolve("data").toString(),
                "plugins.dir", Files.createDirectories(tmp.resolve("plugins")).toString())), Map.of("BAIHUA_ADMIN_KEY", ADMIN));
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private CliRun run(String... args) {
        return List.of(args).contains("--url") ? CliRun.of(List.of(args)) : CliRun.against(host.uri(), ADMIN, args);
    }

    @Test
    void pluginAndDomainCommandsRoundTrip() throws Exception {
        Path zip = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures")))
                .plugin("alpha").domain("fixture.cli.AlphaDomain", "alpha-domain").build("alpha.zip");

        CliRun install = run("plugins", "install", zip.toString());
        assertThat(install.exit()).as(install.err()).isZero();
        assertThat(install.out()).contains("Installed plugin 'alpha' 1.0.0: STARTED");

        CliRun list = run("plugins", "list");
        assertThat(list.out()).contains("ID").contains("alpha").contains("STARTED").contains("alpha-domain");

        CliRun json = run("plugins", "list", "--output", "json");
        JsonNode parsed = new ObjectMapper().readTree(json.out());
        assertThat(parsed.get(0).get("id").asText()).isEqualTo("alpha");

        assertThat(run("domains").out()).contains("alpha-domain").contains("topic").contains("multiclass").contains("(from data)");
        assertThat(run("plugins", "disable", "alpha").out()).contains("Plugin 'alpha' is DISABLED");
        assertThat(run("plugins", "enable", "alpha").out()).contains("Plugin 'alpha' is STARTED");
        CliRun noVersion = run("plugins", "remove", "alpha", "--version", "9.9.9");
        assertThat(noVersion.exit()).isEqualTo(1);
        assertThat(noVersion.err()).contains("Plugin 'alpha' has no version 9.9.9; installed versions: [1.0.0]");
        assertThat(run("plugins", "list").out()).contains("CURRENT").contains("PINNED BY");
        assertThat(run("plugins", "remove", "alpha").out()).contains("Removed plugin 'alpha'");
    }

    @Test
    void errorsAreOneClearLineAndANonZeroExit() {
        CliRun missing = run("plugins", "remove", "ghost");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("baihua: Plugin 'ghost' is not installed (HTTP 404)");

        CliRun badKey = run("plugins", "list", "--url", host.uri().toString(), "--key", "wrong");
        assertThat(badKey.exit()).isEqualTo(1);
        assertThat(badKey.err()).contains("The API key is not valid (HTTP 401)");

        CliRun noFile = run("plugins", "install", tmp.resolve("nope.zip").toString());
        assertThat(noFile.exit()).isEqualTo(1);
        assertThat(noFile.err()).contains("No such file");

        CliRun notAZip = run("plugins", "install", writeText("junk.zip", "not a zip"));
        assertThat(notAZip.exit()).isEqualTo(1);
        assertThat(notAZip.err()).contains("not a valid zip").contains("HTTP 400");

        CliRun down = run("plugins", "list", "--url", "http://127.0.0.1:1", "--key", ADMIN);
        assertThat(down.exit()).isEqualTo(2);
        assertThat(down.err()).contains("Cannot reach the host at http://127.0.0.1:1/");

        CliRun badOutput = run("domains", "--output", "yaml");
        assertThat(badOutput.exit()).isEqualTo(1);
        assertThat(badOutput.err()).contains("--output must be table or json");

        CliRun unknown = run("plugins", "frobnicate");
        assertThat(unknown.exit()).isNotZero();

        String[] train = {"train", "--name", "m", "--domain", "d", "--task", "t", "--dataset", "ds"};
        CliRun layersAlone = run(concat(train, "--fine-tune-layers", "2"));
        assertThat(layersAlone.exit()).isEqualTo(1);
        assertThat(layersAlone.err()).contains("apply with --fine-tune (or --encoder-mode fine-tune or contrastive) only");
        CliRun badLayers = run(concat(train, "--fine-tune", "--fine-tune-layers", "top"));
        assertThat(badLayers.exit()).isEqualTo(1);
        assertThat(badLayers.err()).contains("--fine-tune-layers must be 'all' or a whole number");
        CliRun badRate = run(concat(train, "--fine-tune", "--fine-tune-lr", "0.5"));
        assertThat(badRate.exit()).isEqualTo(1);
        assertThat(badRate.err()).contains("training.encoder.learningRate must be in (0, 0.01)").contains("HTTP 400");
        // the contrastive mode reaches the host, which says epochs do not apply to it
        CliRun contrastiveEpochs = run(concat(train, "--encoder-mode", "contrastive", "--fine-tune-epochs", "2"));
        assertThat(contrastiveEpochs.exit()).isEqualTo(1);
        assertThat(contrastiveEpochs.err()).contains("training.encoder.epochs applies to mode \"fine-tune\"").contains("HTTP 400");
        CliRun badMode = run(concat(train, "--encoder-mode", "thaw"));
        assertThat(badMode.exit()).isEqualTo(1);
        assertThat(badMode.err()).contains("--encoder-mode must be frozen, fine-tune or contrastive");
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private String writeText(String name, String text) {
        try {
            return Files.writeString(tmp.resolve(name), text).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
