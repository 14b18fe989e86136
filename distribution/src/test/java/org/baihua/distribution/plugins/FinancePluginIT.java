package org.baihua.distribution.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finance plugin end to end on a real host with its bundled zip: credit risk, news sentiment
 * (with the real shared encoder) and fraud, each from its shipped sample, trained with a fixed
 * seed and the plugin's defaults (news sentiment on its frozen encoder: the fine-tuning the plugin
 * chooses for it is only checked, not run), held to its floor, and asked about hand-written records.
 */
class FinancePluginIT {

    private static final long SEED = 7;

    @TempDir
    static Path tmp;

    private static PluginHostFixture host;

    @BeforeAll
    static void start() throws Exception {
        host = PluginHostFixture.start(tmp, "finance");
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void creditRiskOverRestKeepsTheExpectedCostPerApplicantUnderTheFloor() throws Exception {
        JsonNode dataset = host.uploadSample("german-credit");
        assertThat(dataset.get("rows").asLong()).isEqualTo(1_000);
        assertThat(dataset.get("labelCounts").get("bad").asLong()).isEqualTo(300);

        PluginHostFixture.Trained trained = host.train("credit", "finance", "credit-risk", dataset.get("id").asText(),
                "{\"seed\": " + SEED + "}");
        System.out.println(trained.summary("finance/credit-risk", SEED));
        JsonNode test = trained.test();
        assertThat(trained.document().get("metrics").get("decisionPolicy").get("costs").get("bad").get("good").asDouble())
                .isEqualTo(5.0);
        assertThat(test.get("expectedCost").asDouble()).as("expected cost per applicant on the held-out split")
                .isLessThanOrEqualTo(0.60);

        host.promote(trained);
        JsonNode answer = host.predict("credit", List.of(
                applicant("A14", 12, "A34", "A43", 1_500, "A65", "A75", 2, "A93", "A121", 45, "A143", "A152", "A173", "A192"),
                applicant("A11", 48, "A30", "A46", 12_000, "A61", "A72", 4, "A92", "A124", 22, "A141", "A151", "A172", "A191")),
                false);
        assertThat(answer.get("predictions")).extracting(p -> p.get("label").asText()).containsExactly("good", "bad");
    }

    @Test
    void newsSentimentReachesTheAccuracyFloorAndReadsTheMarketsMood() {
        String dataset = host.ingestSample("financial-news-sentiment");
        // The plugin fine-tunes its encoder from 5,000 posts on (ten CPU-minutes a run, too much for CI):
        // check that choice on the queued version, then train the frozen encoder the floor is about.
        JsonNode queued = host.postJson("/api/v1/models", "{\"name\": \"sentiment-default\", \"domain\": \"finance\","
                + " \"task\": \"news-sentiment\", \"dataset\": \"" + dataset + "\", \"training\": {\"seed\": " + SEED + "}}", 202);
        JsonNode chosen = host.get("/api/v1/models/sentiment-default/versions/" + queued.get("version").asInt())
                .get("lineage").get("training").get("encoder");
        host.postJson("/api/v1/jobs/" + queued.get("job").asText() + "/cancel", "", 200);
        assertThat(chosen.get("mode").asText()).isEqualTo("fine-tune");
        assertThat(chosen.get("layers").asInt()).isEqualTo(2);

        PluginHostFixture.Trained trained = host.train("sentiment", "finance", "news-sentiment", dataset,
                "{\"seed\": " + SEED + ", \"encoder\": {\"mode\": \"frozen\"}}");
        System.out.println(trained.summary("finance/news-sentiment", SEED));
        JsonNode lineage = trained.document().get("lineage");
        assertThat(lineage.get("encoderId").asText()).isEqualTo("bge-small-en-v15");
        assertThat(lineage.get("encoderReason").asText()).isEqualTo("declared by task 'news-sentiment'");
        // frozen bge-small-en-v15 measured 0.799-0.815 over six seeds (all-MiniLM-L6-v2 int8: 0.778-0.808); see the README
        assertThat(trained.test().get("accuracy").asDouble()).as("accuracy on the held-out split").isGreaterThanOrEqualTo(0.78);

        host.promote(trained);
        JsonNode answer = host.predict("sentiment", List.of(
                Map.of("text", "$AAPL shares surge to a record high after earnings beat estimates https://t.co/x1"),
                Map.of("text", "Stocks plunge as recession fears grow; $TSLA tumbles 12% after downgrade"),
                Map.of("text", "Company to present at the investor conference on Tuesday")), false);
        assertThat(answer.get("predictions")).extracting(p -> p.get("label").asText())
                .containsExactly("bullish", "bearish", "neutral");
    }

    @Test
    void fraudRanksFraudWellAboveItsRateAndHoldsTheTargetPrecision() {
        String dataset = host.ingestSample("synthetic-fraud");
        PluginHostFixture.Trained trained = host.train("fraud", "finance", "fraud", dataset, "{\"seed\": " + SEED + "}");
        System.out.println(trained.summary("finance/fraud", SEED));
        JsonNode test = trained.test();
        JsonNode fraud = test.get("perClass").get(1);
        assertThat(fraud.get("label").asText()).isEqualTo("fraud");
        double fraudRate = fraud.get("support").asDouble() / test.get("examples").asDouble();
        // PR-AUC of a random ranking is the fraud rate (about 0.02); measured 0.83-0.95 over six seeds
        assertThat(test.get("prAuc").asDouble()).as("PR-AUC on the held-out split").isGreaterThanOrEqualTo(0.70)
                .isGreaterThan(20 * fraudRate);
        JsonNode policy = trained.document().get("metrics").get("decisionPolicy");
        assertThat(policy.get("tuning").get("objective").asText()).isEqualTo("TARGET_PRECISION");
        assertThat(fraud.get("precision").asDouble()).as("test precision at the threshold tuned for 0.9").isGreaterThanOrEqualTo(0.8);
        assertThat(fraud.get("recall").asDouble()).as("test recall at that precision").isGreaterThanOrEqualTo(0.5);

        host.promote(trained);
        JsonNode answer = host.predict("fraud", List.of(
                payment("2024-04-10T12:30:00+02:00", 35.20, "EUR", "5411", "pos", "DE", "DE", "yes"),
                payment("2024-04-11T14:05:00+01:00", 60, "EUR", "6011", "atm", "FR", "FR", "yes"),
                payment("2024-04-12T02:40:00-04:00", 1.25, "USD", "5816", "ecommerce", "US", "DE", "no"),
                payment("2024-04-13T03:15:00+07:00", 15_600, "THB", "6011", "atm", "TH", "NL", "yes")), false);
        assertThat(answer.get("predictions")).extracting(p -> p.get("label").asText())
                .containsExactly("legit", "legit", "fraud", "fraud");
    }

    private static Map<String, Object> applicant(String checking, int months, String history, String purpose, int amount,
                                                 String savings, String employment, int rate, String personal, String property,
                                                 int age, String otherPlans, String housing, String job, String telephone) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("checking_status", checking);
        record.put("duration_months", months);
        record.put("credit_history", history);
        record.put("purpose", purpose);
        record.put("credit_amount", amount);
        record.put("savings", savings);
        record.put("employment_since", employment);
        record.put("installment_rate", rate);
        record.put("personal_status", personal);
        record.put("other_debtors", "A101");
        record.put("residence_since", 2);
        record.put("property", property);
        record.put("age", age);
        record.put("other_installment_plans", otherPlans);
        record.put("housing", housing);
        record.put("existing_credits", 1);
        record.put("job", job);
        record.put("dependents", 1);
        record.put("telephone", telephone);
        record.put("foreign_worker", "A201");
        return record;
    }

    private static Map<String, Object> payment(String timestamp, double amount, String currency, String category, String channel,
                                               String country, String issuer, String cardPresent) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("timestamp", timestamp);
        record.put("amount", amount);
        record.put("currency", currency);
        record.put("merchant_category", category);
        record.put("channel", channel);
        record.put("country", country);
        record.put("issuer_country", issuer);
        record.put("card_present", cardPresent);
        return record;
    }
}
