package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.baihua.core.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document matches the routes the host registers, both ways, and the docs hold the same document. */
class OpenApiIT {

    /** docs/ of the repository, relative to the core module where the tests run. */
    private static final Path DOCS = Path.of("..", "docs");

    @TempDir
    Path tmp;

    private HostFixture fixture;
    private final OpenApiContract contract = new OpenApiContract();

    @BeforeEach
    void start() throws IOException {
        fixture = new HostFixture(tmp, Map.of());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void everyRegisteredRouteIsDocumentedWithItsRoleAndViceVersa() {
        OpenApiRoutes routes = fixture.host.injector().getInstance(OpenApiRoutes.class);
        Map<String, String> registered = new TreeMap<>();
        List<String> undeclared = new ArrayList<>();
        for (OpenApiRoutes.Route route : routes.registeredRoutes()) {
            if (route.role() == null) {
                undeclared.add(route.method() + " " + route.path());
            }
            registered.put(route.method() + " " + route.path(), route.role() == null ? "(none declared)" : route.role().toString());
        }
        assertThat(undeclared).as("routes that declare no role").isEmpty();
        assertThat(registered).hasSizeGreaterThan(25);
        assertThat(contract.operations()).isEqualTo(registered);
    }

    @Test
    void everySecuredOperationDocumentsItsAuthFailuresAndEveryErrorIsProblemJson() {
        contract.operations().forEach((operation, role) -> {
            String[] parts = operation.split(" ", 2);
            JsonNode op = contract.document.get("paths").get(parts[1]).get(parts[0].toLowerCase(java.util.Locale.ROOT));
            assertThat(op.get("description").asText()).as(operation).startsWith("Role: " + role + ".");
            if (!role.equals(Role.NONE.toString())) {
                assertThat(contract.statuses(parts[0], parts[1])).as(operation).contains(401, 403);
                assertThat(op.has("security")).as(operation + " must not override the bearer requirement").isFalse();
            } else {
                assertThat(op.get("security")).as(operation).isEmpty();
            }
            op.get("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    assertThat(response.getValue().get("$ref").asText()).as(operation + " " + response.getKey())
                            .startsWith("#/components/responses/");
                }
            });
        });
        contract.document.get("components").get("responses").forEach(response ->
                assertThat(response.get("content").has("application/problem+json")).isTrue());
    }

    @Test
    void theHostServesTheDocumentWithoutAKey() throws IOException {
        HostFixture.Response served = fixture.send("GET", "/api/openapi.json", null, null, HttpRequest.BodyPublishers.noBody());
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("application/json");
        assertThat(served.json()).isEqualTo(contract.document);
        assertThat(served.json().get("openapi").asText()).startsWith("3.");
    }

    @Test
    void docsHoldTheSameDocumentAndTheRestGuideNamesEveryRoute() throws IOException {
        byte[] resource;
        try (InputStream in = OpenApiIT.class.getResourceAsStream(OpenApiRoutes.RESOURCE)) {
            resource = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(DOCS.resolve("openapi.json")))
                .as("docs/openapi.json must be a copy of core/src/main/resources/openapi/openapi.json").isEqualTo(resource);
        List<String> guide = Files.readAllLines(DOCS.resolve("rest-api.md"));
        for (String operation : contract.operations().keySet()) {
            String[] parts = operation.split(" ", 2);
            assertThat(guide).as("docs/rest-api.md has a line naming " + operation)
                    .anyMatch(line -> line.contains(parts[0]) && line.contains("`" + parts[1] + "`"));
        }
    }
}
