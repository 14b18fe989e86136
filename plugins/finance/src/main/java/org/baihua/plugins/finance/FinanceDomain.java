package org.baihua.plugins.finance;

import java.util.List;
import java.util.Map;
import org.baihua.sdk.Activation;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.Domain;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.OptimizerSpec;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.baihua.sdk.ThresholdTuning;
import org.pf4j.Extension;

/** Credit risk, market sentiment and card fraud. Head choices are explained in the README. */
@Extension
public final class FinanceDomain implements Domain {

    static final String ID = "finance";

    /**
     * The encoder {@code news-sentiment} wants: bge-small-en-v1.5 (fp32) scored accuracy 0.807 ±
     * 0.006 on the shipped posts over six seeds against 0.792 ± 0.013 for all-MiniLM-L6-v2 int8
     * (README). A Chinese data set still gets the host's Chinese encoder.
     */
    static final String NEWS_ENCODER = "bge-small-en-v15";

    /** The fraud task's threshold is tuned on the validation split to reach this precision. */
    static final double FRAUD_TARGET_PRECISION = 0.9;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Finance";
    }

    @Override
    public List<TaskSpec> tasks() {
        return List.of(creditRisk(), newsSentiment(), fraud());
    }

    private static TaskSpec creditRisk() {
        return new TaskSpec("credit-risk",
                "Whether an applicant will repay (good) or default (bad); decisions minimise expected cost",
                TaskKind.BINARY, List.of("good", "bad"),
                List.of(
                        FieldSpec.categorical("checking_status", "status of existing checking account"),
                        FieldSpec.numeric("duration_months", "duration of the credit in months"),
                        FieldSpec.categorical("credit_history", "credit history"),
                        FieldSpec.categorical("purpose", "purpose of the credit"),
                        FieldSpec.numeric("credit_amount", "credit amount"),
                        FieldSpec.categorical("savings", "savings account / bonds"),
                        FieldSpec.categorical("employment_since", "present employment since"),
                        FieldSpec.numeric("installment_rate", "installment rate in % of disposable income"),
                        FieldSpec.categorical("personal_status", "personal status and sex"),
                        FieldSpec.categorical("other_debtors", "other debtors / guarantors"),
                        FieldSpec.numeric("residence_since", "present residence since (years)"),
                        FieldSpec.categorical("property", "most valuable property"),
                        FieldSpec.numeric("age", "age in years"),
                        FieldSpec.categorical("other_installment_plans", "other installment plans"),
                        FieldSpec.categorical("housing", "housing"),
                        FieldSpec.numeric("existing_credits", "number of existing credits at this bank"),
                        FieldSpec.categorical("job", "job"),
                        FieldSpec.numeric("dependents", "number of people liable to provide maintenance for"),
                        FieldSpec.categorical("telephone", "telephone registered"),
                        FieldSpec.categorical("foreign_worker", "foreign worker")),
                creditHead(),
                Metric.EXPECTED_COST,
                // The Statlog cost matrix: approving a bad applicant costs 5, refusing a good one 1,
                // so an applicant is refused once P(bad) exceeds 1/6.
                new DecisionPolicy.MinimumCost(Map.of("bad", Map.of("good", 5.0), "good", Map.of("bad", 1.0))));
    }

    /**
     * Linear (logistic regression), weight-decayed, unweighted: the best-calibrated probabilities for
     * the cost decision on ~1,000 rows; a 16-unit MLP cost more per applicant in our measurements.
     * Learning rate 3e-3, the lowest mean cost of the rates measured end to end (README).
     */
    static HeadSpec creditHead() {
        return new HeadSpec(List.of(), Activation.RELU, 0, ClassWeighting.none(), 0, OptimizerSpec.adamW(3e-3, 1e-2));
    }

    /**
     * One GELU layer, label smoothing for noisy tweet labels, no class weights: measured end to end,
     * unweighted training raised both accuracy and macro-F1 over square-root weights (README).
     */
    static HeadSpec newsHead(int width) {
        return new HeadSpec(List.of(width), Activation.GELU, 0.2, ClassWeighting.none(), 0.05, OptimizerSpec.adamW(3e-3, 1e-2));
    }

    private static TaskSpec newsSentiment() {
        return new TaskSpec("news-sentiment",
                "Market sentiment of a financial news headline or post",
                TaskKind.MULTICLASS, List.of("bearish", "bullish", "neutral"),
                List.of(FieldSpec.text("text", "headline or post (links removed by the plugin)")),
                newsHead(256),
                Metric.MACRO_F1, DecisionPolicy.argmax()).withEncoder(NEWS_ENCODER);
    }

    private static TaskSpec fraud() {
        return new TaskSpec("fraud",
                "Whether a card transaction is fraudulent; heavily imbalanced",
                TaskKind.BINARY, List.of("legit", "fraud"),
                List.of(
                        FieldSpec.numeric("amount", "transaction amount, sign-preserving ln(1 + |amount|) (by the plugin)"),
                        FieldSpec.categorical("currency", "ISO 4217 currency"),
                        FieldSpec.numeric("hour_sin", "local hour of day, cyclic (derived from timestamp)"),
                        FieldSpec.numeric("hour_cos", "local hour of day, cyclic (derived from timestamp)"),
                        FieldSpec.numeric("dow_sin", "day of week, cyclic (derived from timestamp)"),
                        FieldSpec.numeric("dow_cos", "day of week, cyclic (derived from timestamp)"),
                        FieldSpec.categorical("merchant_category", "merchant category code (MCC), four digits"),
                        FieldSpec.categorical("channel", "pos, contactless, ecommerce, atm, ..."),
                        FieldSpec.categorical("country", "ISO 3166 country of the merchant"),
                        FieldSpec.categorical("cross_border", "merchant country differs from the card's issuer_country (derived)"),
                        FieldSpec.categorical("card_present", "whether the card was present: yes/no"),
                        // Raw fields FraudFeatures reads: declared so that GET /domains says what a fraud file needs.
                        FieldSpec.categorical("issuer_country", "ISO 3166 country of the card's issuer; compared with country for cross_border"),
                        new FieldSpec("timestamp", FieldType.CATEGORICAL, false, "transaction time (ISO 8601, date or epoch seconds);"
                                + " the plugin turns it into hour_sin/cos and dow_sin/cos and drops it")),
                fraudHead(),
                Metric.PR_AUC,
                new DecisionPolicy.Threshold("fraud", 0.5, ThresholdTuning.targetPrecision(FRAUD_TARGET_PRECISION)));
    }

    /** Two layers for pattern interactions (channel x category x hour x border); weighted for rare fraud. */
    static HeadSpec fraudHead() {
        return new HeadSpec(List.of(64, 32), Activation.RELU, 0.1, ClassWeighting.balanced(), 0,
                OptimizerSpec.adamW(1e-3, 1e-4));
    }
}
