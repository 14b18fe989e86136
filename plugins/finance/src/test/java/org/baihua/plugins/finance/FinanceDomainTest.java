package org.baihua.plugins.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.baihua.plugins.finance.preprocess.FraudFeatures;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskSpec;
import org.baihua.sdk.ThresholdTuning;
import org.junit.jupiter.api.Test;

class FinanceDomainTest {

    private final FinanceDomain domain = new FinanceDomain();

    private TaskSpec task(String id) {
        return domain.tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void offersTheThreeTasks() {
        assertThat(domain.id()).isEqualTo("finance");
        assertThat(domain.tasks()).extracting(TaskSpec::id).containsExactly("credit-risk", "news-sentiment", "fraud");
    }

    @Test
    void theTextTaskDeclaresTheEnglishBgeEncoderAndTheTabularOnesNone() {
        assertThat(task("news-sentiment").encoder()).isEqualTo("bge-small-en-v15");
        assertThat(task("credit-risk").encoder()).isNull();
        assertThat(task("fraud").encoder()).isNull();
    }

    @Test
    void creditRiskDecidesByTheStatlogCostMatrix() {
        TaskSpec credit = task("credit-risk");
        DecisionPolicy.MinimumCost policy = (DecisionPolicy.MinimumCost) credit.decisionPolicy();
        assertThat(policy.cost("bad", "good")).isEqualTo(5);
        assertThat(policy.cost("good", "bad")).isEqualTo(1);
        assertThat(policy.cost("good", "good")).isZero();
        assertThat(credit.primaryMetric()).isEqualTo(Metric.EXPECTED_COST);
        // Calibrated probabilities for the cost decision: no reweighting, no smoothing.
        assertThat(credit.head().classWeighting()).isEqualTo(ClassWeighting.none());
        assertThat(credit.head().labelSmoothing()).isZero();
    }

    @Test
    void creditRiskInputsAreTheSampleColumnsInOrder() {
        List<String> inputs = task("credit-risk").inputs().stream().map(FieldSpec::name).toList();
        assertThat(inputs).containsExactlyElementsOf(FinanceSamples.GERMAN_COLUMNS.subList(0, 20));
    }

    @Test
    void theFraudTaskDeclaresTheRawFieldsItsPreprocessorReadsAndGetsTheRestFromIt() {
        TaskSpec fraud = task("fraud");
        DataRecord raw = DataRecord.of(Map.of("amount", "12.00", "currency", "EUR", "timestamp", "2024-03-01T10:00:00Z",
                "merchant_category", "5411", "channel", "pos", "country", "DE", "issuer_country", "DE",
                "card_present", "yes"));
        DataRecord out = new FraudFeatures().transform(raw, FittedState.empty());
        List<String> declared = fraud.inputs().stream().map(FieldSpec::name).toList();
        // GET /domains lists every column FraudFeatures reads, so a user knows what a fraud file needs.
        assertThat(declared).containsAll(raw.values().keySet());
        assertThat(fraud.input("timestamp").required()).isFalse();
        assertThat(fraud.input("issuer_country").required()).isFalse();
        // What it derives is there after preprocessing; the raw timestamp is dropped once read.
        assertThat(out.values().keySet()).containsAll(declared.stream().filter(f -> !f.equals("timestamp")).toList())
                .doesNotContain("timestamp");
        assertThat(fraud.primaryMetric()).isEqualTo(Metric.PR_AUC);
        DecisionPolicy.Threshold threshold = (DecisionPolicy.Threshold) fraud.decisionPolicy();
        assertThat(threshold.positiveLabel()).isEqualTo("fraud");
        assertThat(threshold.tuning()).isEqualTo(ThresholdTuning.targetPrecision(FinanceDomain.FRAUD_TARGET_PRECISION));
        assertThat(fraud.head().classWeighting().mode()).isEqualTo(ClassWeighting.Mode.BALANCED);
    }

    @Test
    void newsSentimentHasTheThreeMarketLabels() {
        assertThat(task("news-sentiment").labels()).containsExactly("bearish", "bullish", "neutral");
        assertThat(task("news-sentiment").inputs()).extracting(FieldSpec::name).containsExactly("text");
    }
}
