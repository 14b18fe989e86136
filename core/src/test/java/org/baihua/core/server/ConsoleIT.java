package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web console is served from the jar, without a key, with its security headers on every file. */
class ConsoleIT {

    private static final Path SOURCES = Path.of("src", "main", "resources", "console");

    @TempDir
    Path tmp;

    private HostFixture fixture;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        fixture = new HostFixture(tmp, Map.of());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(fixture.host.uri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Every file of the console, as a path below /, plus the chart library the page loads. */
    private static List<String> consolePaths() throws IOException {
        List<String> paths = new ArrayList<>(List.of("/", "/lib/uplot/dist/uPlot.iife.min.js", "/lib/uplot/dist/uPlot.min.css"));
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(Files::isRegularFile).forEach(f -> paths.add("/" + SOURCES.relativize(f).toString().replace('\\', '/')));
        }
        return paths;
    }

    @Test
    void everyConsoleResponseCarriesTheSecurityHeadersAndNeedsNoKey() throws Exception {
        List<String> paths = consolePaths();
        assertThat(paths).contains("/index.html", "/app.js", "/charts.js", "/console.css", "/i18n/en.json", "/i18n/zh.json");
        for (String path : paths) {
            HttpResponse<byte[]> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("default-src 'none'").contains("script-src 'self'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        }
    }

    @Test
    void theRootServesThePageThatLoadsOnlyLocalScripts() throws Exception {
        HttpResponse<byte[]> response = get("/");
        String html = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html).contains("<script src=\"app.js\" defer></script>").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<script>").doesNotContain(" style=").doesNotContain("onclick");
        assertThat(get("/app.js").headers().firstValue("Content-Type").orElse("")).contains("javascript");
    }

    @Test
    void onlyTheChartLibraryFilesThePageLoadsAreServedFromItsWebJar() throws Exception {
        assertThat(get("/lib/uplot/dist/uPlot.iife.min.js").statusCode()).isEqualTo(200);
        assertThat(get("/lib/uplot/dist/uPlot.esm.js").statusCode()).isEqualTo(404);
        assertThat(get("/lib/uplot/package.json").statusCode()).isEqualTo(404);
    }

    @Test
    void theApiStillNeedsAKeyAndTellsTheConsoleTheRole() {
        assertThat(fixture.send("GET", "/api/v1/me", null, null, HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(401);
        assertThat(fixture.send("GET", "/api/v1/me", "wrong-key", null, HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(401);
        HostFixture.Response me = fixture.get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("role").asText()).isEqualTo("admin");
        assertThat(fixture.send("GET", "/api/v1/models", null, null, HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(401);
    }

    @Test
    void theConsoleStaysUnderThreeHundredKilobytesWithItsLibrary() throws Exception {
        long total = 0;
        for (String path : consolePaths()) {
            if (!path.equals("/")) {
                total += get(path).body().length;
            }
        }
        assertThat(total).isLessThan(300 * 1024);
    }
}
