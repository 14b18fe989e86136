package org.baihua.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.Settings;
import org.baihua.core.jobs.TrainingJobs;
import org.baihua.core.registry.JobInfo;
import org.baihua.core.registry.JobState;

/**
 * A real host with the finance plugin and (unless asked not to) a promoted credit-risk model trained on
 * the German Credit sample.
 */
final class CreditHost implements AutoCloseable {

    static final String KEY = "admin-key-for-spark-tests-0123456789";
    static final List<String> COLUMNS = List.of("checking_status", "duration_months", "credit_history",
            "purpose", "credit_amount", "savings", "employment_since", "installment_rate", "personal_status",
            "other_debtors", "residence_since", "property", "age", "other_installment_plans", "housing",
            "existing_credits", "job", "dependents", "telephone", "foreign_worker");

    /** Generous for a few hundred rows on two shared, busy cores; on a quiet machine a job takes seconds. */
    static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(10);

    final BaihuaHost host;
    final Path dataDir;
    final Path pluginsDir;
    final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    CreditHost(Path tmp) throws Exception {
        this(tmp, true);
    }

    /** The host, with the credit model when {@code trainCredit}. */
    CreditHost(Path tmp, boolean trainCredit) throws Exception {
        pluginsDir = Files.createDirectories(tmp.resolve("plugins"));
        dataDir = tmp.resolve("data");
        Path zip = Path.of(System.getProperty("baihua.finance.zip"));
        Files.copy(zip, pluginsDir.resolve(zip.getFileName()));
        host = BaihuaHost.start(new Settings(Map.of("server.port", "0", "data.dir", dataDir.toString(),
                "plugins.dir", pluginsDir.toString())), Map.of("BAIHUA_ADMIN_KEY", KEY));
        if (!trainCredit) {
            return;
        }
        String query = "domain=finance&task=credit-risk&option.header=false&option.columns="
                + URLEncoder.encode(String.join(",", COLUMNS) + ",class", StandardCharsets.UTF_8) + "&mapping=label=class&labelValues=1:good,2:bad";
        JsonNode dataset = call("POST", "/api/v1/datasets?" + query, "text/csv",
                HttpRequest.BodyPublishers.ofFile(Path.of(System.getProperty("baihua.german.csv"))), 201);
        JsonNode queued = call("POST", "/api/v1/models", "application/json", HttpRequest.BodyPublishers.ofString(
                "{\"name\": \"credit\", \"domain\": \"finance\", \"task\": \"credit-risk\", \"dataset\": \"" + dataset.get("id").asText()
                        + "\", \"training\": {\"epochs\": 15, \"seed\": 7}}"), 202);
        awaitSucceeded(queued.get("job").asText());
        call("POST", "/api/v1/models/credit/versions/1/promote", null, HttpRequest.BodyPublishers.noBody(), 200);
    }

    /** Waits for a training job to end and checks that it succeeded; returns its last state. */
    JobInfo awaitSucceeded(String job) {
        return awaitSucceeded(host, job);
    }

    /**
     * Waits for a training job of {@code host} to end ({@link #TRAINING_TIMEOUT} at most: a job that hangs
     * fails the test instead of the build) and checks that it succeeded; returns its last state.
     */
    static JobInfo awaitSucceeded(BaihuaHost host, String job) {
        JobInfo done = host.injector().getInstance(TrainingJobs.class).await(job, TRAINING_TIMEOUT);
        assertThat(done.state()).as(done.toString()).isEqualTo(JobState.SUCCEEDED);
        return done;
    }

    /**
     * {@code rows} records made from the sample's 1,000: duration and amount shifted per round of
     * 1,000, every {@code badEvery}-th row (from row 1234) given a credit amount that is not a number.
     */
    static List<Map<String, String>> records(int rows, int badEvery) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("baihua.german.csv")));
        List<Map<String, String>> records = new ArrayList<>(rows);
        for (int k = 0; k < rows; k++) {
            String[] values = lines.get(k % lines.size()).split(",");
            int round = k / lines.size();
            Map<String, String> record = new LinkedHashMap<>();
            record.put("row_id", Integer.toString(k));
            for (int c = 0; c < COLUMNS.size(); c++) {
                String value = values[c];
                if (COLUMNS.get(c).equals("duration_months")) {
                    value = Integer.toString(Integer.parseInt(value) + round % 7);
                } else if (COLUMNS.get(c).equals("credit_amount")) {
                    value = Long.toString(Math.round(Integer.parseInt(value) * (1 + round * 0.01)));
                }
                record.put(COLUMNS.get(c), value);
            }
            if (badEvery > 0 && k % badEvery == 1234 % badEvery) {
                record.put("credit_amount", "lots");
            }
            records.add(record);
        }
        return records;
    }

    /** The records as CSV with a header row. */
    static String csv(List<Map<String, String>> records) {
        StringBuilder csv = new StringBuilder("row_id," + String.join(",", COLUMNS) + "\n");
        records.forEach(r -> csv.append(String.join(",", r.values())).append('\n'));
        return csv.toString();
    }

    JsonNode call(String method, String path, String contentType, HttpRequest.BodyPublisher body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.uri() + path)).method(method, body)
                .header("Authorization", "Bearer " + KEY);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? null : json.readTree(response.body());
    }

    @Override
    public void close() {
        host.close();
    }
}
