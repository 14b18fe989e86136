package org.baihua.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.baihua.core.server.ClinicFixture;
import org.baihua.core.server.HostFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data, training, model and prediction commands end to end against a real host, with their error exits. */
class CliWorkflowIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static CliRun run(HostFixture host, String key, String... args) {
        return host == null ? CliRun.of(List.of(args)) : CliRun.against(host.host.uri(), key, args);
    }

    private static CliRun ok(HostFixture host, String... args) {
        CliRun run = run(host, HostFixture.ADMIN, args);
        assertThat(run.exit()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    @Test
    void uploadTrainPromotePredictAndManageVersions() throws Exception {
        try (HostFixture host = new HostFixture(tmp.resolve("host"), Map.of())) {
            Path zip = ClinicFixture.pluginZip(tmp.resolve("fixtures"));
            assertThat(ok(host, "plugins", "install", zip.toString()).out()).contains("Installed plugin 'clinic'");

            Path csv = Files.writeString(tmp.resolve("risk.csv"), ClinicFixture.csv(120, 5) + "abc,22,f,positive\n");
            CliRun upload = ok(host, "datasets", "upload", csv.toString(), "--domain", "clinic", "--task", "risk", "--name", "first");
            Matcher id = Pattern.compile("Ingested data set '([^']+)': 120 rows, 1 rejected").matcher(upload.out());
            assertThat(id.find()).as(upload.out()).isTrue();
            String dataset = id.group(1);
            assertThat(upload.out()).contains("line 122:");
            assertThat(ok(host, "datasets", "list").out()).contains(dataset).contains("first").contains("120");
            assertThat(ok(host, "datasets", "show", dataset).out()).contains("positive").contains("negative").contains("line 122");
            assertThat(JSON.readTree(ok(host, "datasets", "show", dataset, "--output", "json").out()).get("rows").asInt()).isEqualTo(120);

            CliRun train = ok(host, "train", "--name", "risk", "--domain", "clinic", "--task", "risk", "--dataset", dataset,
                    "--epochs", "40", "--learning-rate", "0.05", "--seed", "3");
            assertThat(train.out()).contains("Training model 'risk' version 1").containsPattern("\\[#+\\.*\\] \\d+/40 loss \\d")
                    .contains("version 1: READY").contains("rocAuc").contains("baihua models promote risk 1");

            CliRun noProduction = run(host, HostFixture.ADMIN, "predict", "--model", "risk", "--json", "{\"glucose\": 170}");
            assertThat(noProduction.exit()).isEqualTo(1);
            assertThat(noProduction.err()).contains("has no production version").contains("(HTTP 409)");

            assertThat(ok(host, "models", "promote", "risk", "1").out()).contains("Model 'risk' version 1 is now in production");
            CliRun predicted = ok(host, "predict", "--model", "risk", "--json", "[{\"glucose\": 175, \"bmi\": 36}, {\"glucose\": 88, \"bmi\": 21}]");
            assertThat(predicted.out()).contains("Model 'risk' version 1").containsPattern("1\\s+positive\\s+positive=(0\\.\\d{3}|1\\.000)")
                    .containsPattern("2\\s+negative\\s+negative=(0\\.\\d{3}|1\\.000)");
            // a field the task does not have is answered, and named on stderr (stdout stays the answer)
            CliRun misnamed = ok(host, "predict", "--model", "risk", "--json", "{\"glucose\": 175, \"bmi\": 36, \"glucos\": 1}");
            assertThat(misnamed.err()).contains("baihua: warning: field 'glucos' (records[0]) is not an input of task 'risk'")
                    .contains("did you mean 'glucose'?");
            assertThat(misnamed.out()).contains("Model 'risk' version 1").doesNotContain("glucos");
            // 120 rows leave 18 test examples: the version says its test metrics are rough
            assertThat(ok(host, "models", "show", "risk", "1").out())
                    .contains("warning: the test split has only 18 examples (fewer than 30): its metrics are a rough estimate");
            Path records = Files.writeString(tmp.resolve("records.jsonl"), "{\"glucose\": 175, \"bmi\": 36}\n\n{\"glucose\": 90}\n");
            JsonNode fromFile = JSON.readTree(ok(host, "predict", "--model", "risk", "--file", records.toString(), "--output", "json").out());
            assertThat(fromFile.get("predictions")).extracting(p -> p.get("label").asText()).containsExactly("positive", "negative");

            ok(host, "train", "--name", "risk", "--domain", "clinic", "--task", "risk", "--dataset", dataset, "--epochs", "5");
            CliRun noWait = ok(host, "train", "--name", "risk", "--domain", "clinic", "--task", "risk", "--dataset", dataset,
                    "--epochs", "5", "--no-wait");
            assertThat(noWait.out().strip()).startsWith("job-");
            host.awaitJob(noWait.out().strip(), 60);
            assertThat(ok(host, "models", "promote", "risk", "2").out()).contains("version 2 is now in production");
            assertThat(ok(host, "models", "rollback", "risk").out()).contains("version 1 is now in production");
            assertThat(ok(host, "models", "archive", "risk", "2").out()).contains("version 2 is archived");
            assertThat(ok(host, "models", "delete", "risk", "3").out()).contains("Deleted model 'risk' version 3");
            assertThat(ok(host, "models", "list").out()).containsPattern("risk\\s+clinic\\s+risk\\s+v1\\s+v3");
            assertThat(ok(host, "models", "show", "risk").out()).containsPattern("v2\\s+READY\\s+ARCHIVED").containsPattern("roc_auc (0\\.\\d{3}|1\\.000)");
            assertThat(ok(host, "models", "show", "risk", "1").out()).contains("stage PRODUCTION").contains("data set " + dataset);
            assertThat(JSON.readTree(ok(host, "models", "list", "-o", "json").out()).get(0).get("productionVersion").asInt()).isEqualTo(1);
            // the plugin removed under its models: the views say the versions are not serving, and why
            assertThat(ok(host, "plugins", "remove", "clinic", "--force").out()).contains("Removed plugin 'clinic'");
            assertThat(ok(host, "models", "show", "risk").out())
                    .containsPattern("v1\\s+READY \\(not serving: [^)]*plugin 'clinic'[^)]*\\)\\s+PRODUCTION");
            assertThat(ok(host, "models", "show", "risk", "1").out()).containsPattern("version 1: READY, stage PRODUCTION, not serving: .*clinic");
            assertThat(ok(host, "datasets", "delete", dataset).out()).contains("Deleted data set");
        }
    }

    @Test
    void errorsExitNonZeroWithOneClearLine() throws Exception {
        try (HostFixture host = new HostFixture(tmp.resolve("host"), Map.of())) {
            CliRun unknownDomain = run(host, HostFixture.ADMIN, "train", "--name", "m", "--domain", "clinic", "--task", "risk", "--dataset", "ds-ghost");
            assertThat(unknownDomain.exit()).isEqualTo(1);
            assertThat(unknownDomain.err().strip()).isEqualTo("baihua: Domain 'clinic' is not provided by any started plugin; known domains: [] (HTTP 404)");

            CliRun badName = run(host, HostFixture.ADMIN, "models", "show", "../etc");
            assertThat(badName.exit()).isEqualTo(1);
            assertThat(badName.err()).contains("HTTP 4");

            CliRun badVersion = run(host, HostFixture.ADMIN, "models", "promote", "risk", "two");
            assertThat(badVersion.exit()).isEqualTo(2);
            assertThat(badVersion.err()).contains("'two' is not an int");

            CliRun missingOption = run(host, HostFixture.ADMIN, "datasets", "upload", "x.csv", "--domain", "clinic");
            assertThat(missingOption.exit()).isEqualTo(2);
            assertThat(missingOption.err()).contains("Missing required option: '--task=<task>'");

            CliRun noFile = run(host, HostFixture.ADMIN, "datasets", "upload", tmp.resolve("none.csv").toString(), "--domain", "d", "--task", "t");
            assertThat(noFile.exit()).isEqualTo(1);
            assertThat(noFile.err()).contains("No such file");

            CliRun bothInputs = run(host, HostFixture.ADMIN, "predict", "--model", "m", "--json", "{}", "--file", "x");
            assertThat(bothInputs.exit()).isEqualTo(2);
            assertThat(bothInputs.err()).contains("mutually exclusive");

            CliRun badJson = run(host, HostFixture.ADMIN, "predict", "--model", "m", "--json", "{\"glucose\": ");
            assertThat(badJson.exit()).isEqualTo(1);
            assertThat(badJson.err()).contains("--json is not valid JSON");

            Path broken = Files.writeString(tmp.resolve("broken.jsonl"), "{\"glucose\": 1}\nnot json\n");
            CliRun badLine = run(host, HostFixture.ADMIN, "predict", "--model", "m", "--file", broken.toString());
            assertThat(badLine.exit()).isEqualTo(1);
            assertThat(badLine.err()).contains("broken.jsonl line 2 is not valid JSON");

            CliRun unknownModel = run(host, HostFixture.ADMIN, "predict", "--model", "ghost", "--json", "{\"glucose\": 1}");
            assertThat(unknownModel.exit()).isEqualTo(1);
            assertThat(unknownModel.err()).contains("(HTTP 404)");

            CliRun down = run(null, null, "models", "list", "--url", "http://127.0.0.1:1", "--key", "k");
            assertThat(down.exit()).isEqualTo(2);
            assertThat(down.err()).contains("Cannot reach the host");
        }
    }

    @Test
    void keysCreatedOfflineWorkWithTheirRoleOnceTheHostStarts() throws IOException {
        Path data = tmp.resolve("host").resolve("data");
        CliRun created = run(null, null, "keys", "create", "analyst", "--role", "reader", "--data-dir", data.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        Matcher key = Pattern.compile("\\n  (bh_\\S+)\\n").matcher(created.out());
        assertThat(key.find()).as(created.out()).isTrue();
        assertThat(Files.readString(data.resolve("api-keys"))).startsWith("analyst:reader:").doesNotContain(key.group(1));

        CliRun duplicate = run(null, null, "keys", "create", "analyst", "--role", "admin", "--data-dir", data.toString());
        assertThat(duplicate.exit()).isEqualTo(1);
        assertThat(duplicate.err()).contains("An API key named 'analyst' exists already");
        CliRun badRole = run(null, null, "keys", "create", "bob", "--role", "root", "--data-dir", data.toString());
        assertThat(badRole.exit()).isEqualTo(1);
        assertThat(badRole.err()).contains("role must be reader, trainer or admin, was 'root'");

        try (HostFixture host = new HostFixture(tmp.resolve("host"), Map.of())) {
            assertThat(run(host, key.group(1), "models", "list").exit()).isZero();
            CliRun forbidden = run(host, key.group(1), "datasets", "list");
            assertThat(forbidden.exit()).isEqualTo(1);
            assertThat(forbidden.err()).contains("Key 'analyst' has role reader").contains("(HTTP 403)");
        }
    }

    /** The status of GET /api/v1/models with {@code key} on the host at {@code base}. */
    private static int modelsStatus(java.net.URI base, String key) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(base.resolve("/api/v1/models"))
                .header("Authorization", "Bearer " + key).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aGeneratedAdminKeyIsRetiredByTheEnvironmentKeyAndKeysAreListedAndRevokedFromTheCli() throws Exception {
        Path data = tmp.resolve("host").resolve("data");
        Path plugins = Files.createDirectories(tmp.resolve("host").resolve("plugins"));
        String generated;
        // No BAIHUA_ADMIN_KEY: the host creates admin.key and prints it once.
        try (org.baihua.core.BaihuaHost first = org.baihua.core.BaihuaHost.start(new org.baihua.core.config.Settings(Map.of(
                "server.port", "0", "data.dir", data.toString(), "plugins.dir", plugins.toString())), Map.of())) {
            generated = first.newAdminKey().orElseThrow();
            assertThat(modelsStatus(first.uri(), generated)).isEqualTo(200);
        }
        assertThat(Files.readString(data.resolve("admin.key"))).contains(generated);
        CliRun created = run(null, null, "keys", "create", "analyst", "--role", "reader", "--data-dir", data.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        Matcher key = Pattern.compile("\\n  (bh_\\S+)\\n").matcher(created.out());
        assertThat(key.find()).as(created.out()).isTrue();

        // BAIHUA_ADMIN_KEY set (HostFixture sets it): the generated key is refused from this start on.
        try (HostFixture host = new HostFixture(tmp.resolve("host"), Map.of())) {
            assertThat(modelsStatus(host.host.uri(), generated)).as("the retired admin.key").isEqualTo(401);
            assertThat(modelsStatus(host.host.uri(), HostFixture.ADMIN)).isEqualTo(200);
            assertThat(modelsStatus(host.host.uri(), key.group(1))).isEqualTo(200);
        }

        CliRun listed = run(null, null, "keys", "list", "--data-dir", data.toString());
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).containsPattern("(?m)^analyst\\s+reader\\s+keys-file\\s+\\d{4}-").doesNotContain(key.group(1));
        CliRun revoked = run(null, null, "keys", "revoke", "analyst", "--data-dir", data.toString());
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("Revoked key 'analyst'");
        CliRun again = run(null, null, "keys", "revoke", "analyst", "--data-dir", data.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("API key 'analyst' not found");
        assertThat(run(null, null, "keys", "list", "--data-dir", data.toString()).out()).doesNotContain("analyst");

        try (HostFixture host = new HostFixture(tmp.resolve("host"), Map.of())) {
            assertThat(modelsStatus(host.host.uri(), key.group(1))).as("the revoked key").isEqualTo(401);
            assertThat(modelsStatus(host.host.uri(), generated)).isEqualTo(401);
            assertThat(modelsStatus(host.host.uri(), HostFixture.ADMIN)).isEqualTo(200);
        }
    }
}
