package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.baihua.core.plugin.PluginFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code plugins.allowed-sha256} set, an upload whose checksum is not listed is refused with 403 naming it. */
class PluginAllowListIT {

    @Test
    void anUnlistedZipIsRefusedWith403NamingItsChecksumAndAListedOneInstalls(@TempDir Path tmp) throws Exception {
        PluginFixtures fixtures = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures")));
        Path listed = fixtures.plugin("listed").domain("fixture.listed.D", "listed-domain").build("listed.zip");
        Path unlisted = fixtures.plugin("unlisted").domain("fixture.unlisted.D", "unlisted-domain").build("unlisted.zip");
        try (HostFixture fixture = new HostFixture(tmp, Map.of("plugins.allowed-sha256", "  " + sha256(listed) + " ,"))) {
            HostFixture.Response refused = fixture.send("POST", "/api/v1/plugins", HostFixture.ADMIN, "application/zip",
                    HttpRequest.BodyPublishers.ofFile(unlisted));
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asText()).contains("SHA-256 " + sha256(unlisted), "plugins.allowed-sha256",
                    "nothing of it was loaded");
            assertThat(fixture.get("/api/v1/plugins/unlisted").status()).isEqualTo(404);

            fixture.postBytes("/api/v1/plugins", listed);
            assertThat(fixture.get("/api/v1/plugins/listed").json().get("state").asText()).isEqualTo("STARTED");
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
