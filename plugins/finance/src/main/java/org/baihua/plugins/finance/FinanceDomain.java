package org.baihua.plugins.finance;

import java.util.List;
import java.util.Map;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.Domain;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.baihua.sdk.ThresholdTuning;
import org.pf4j.Extension;

/** Credit risk, market sentiment and card fraud. */
@Extension
public final class FinanceDomain implements Domain {

    static final String ID = "finance";

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
                HeadSpec.mlp(32),
                Metric.EXPECTED_COST,
                // The Statlog cost matrix: approving a bad applicant costs 5, refusing a good one 1.
                new DecisionPolicy.MinimumCost(Map.of("bad", Map.of("good", 5.0), "good", Map.of("bad", 1.0))));
    }

    private static TaskSpec newsSentiment() {
        return new TaskSpec("news-sentiment",
                "Market sentiment of a financial news headline or post",
                TaskKind.MULTICLASS, List.of("bearish", "bullish", "neutral"),
                List.of(FieldSpec.text("text", "headline or post")),
                HeadSpec.mlp(128).withClassWeighting(ClassWeighting.balanced()),
                Metric.MACRO_F1, DecisionPolicy.argmax());
    }

    private static TaskSpec fraud() {
        return new TaskSpec("fraud",
                "Whether a card transaction is fraudulent; heavily imbalanced",
                TaskKind.BINARY, List.of("legit", "fraud"),
                List.of(
                        FieldSpec.numeric("amount", "transaction amount (log-scaled by the plugin)"),
                        FieldSpec.categorical("currency", "ISO 4217 currency"),
                        FieldSpec.numeric("hour_sin", "hour of day, cyclic (derived from timestamp)"),
                        FieldSpec.numeric("hour_cos", "hour of day, cyclic (derived from timestamp)"),
                        FieldSpec.numeric("dow_sin", "day of week, cyclic (derived from timestamp)"),
                        FieldSpec.numeric("dow_cos", "day of week, cyclic (derived from timestamp)"),
                        FieldSpec.categorical("merchant_category", "merchant category code"),
                        FieldSpec.categorical("channel", "pos, ecommerce, atm, ..."),
                        FieldSpec.categorical("country", "ISO 3166 country of the merchant"),
                        FieldSpec.categorical("card_present", "whether the card was present")),
                HeadSpec.mlp(32).withClassWeighting(ClassWeighting.balanced()),
                Metric.PR_AUC,
                new DecisionPolicy.Threshold("fraud", 0.5, ThresholdTuning.targetPrecision(0.9)));
    }
}
