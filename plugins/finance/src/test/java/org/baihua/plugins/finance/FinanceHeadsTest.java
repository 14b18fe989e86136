package org.baihua.plugins.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DataProfile;
import org.baihua.sdk.EncoderTraining;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;

class FinanceHeadsTest {

    private final FinanceHeads heads = new FinanceHeads();
    private final FinanceDomain domain = new FinanceDomain();

    private TaskSpec task(String id) {
        return domain.tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void appliesToTheFinanceTasksOnly() {
        assertThat(heads.appliesTo("finance", "fraud")).isTrue();
        assertThat(heads.appliesTo("finance", "credit-risk")).isTrue();
        assertThat(heads.appliesTo("finance", "news-sentiment")).isTrue();
        assertThat(heads.appliesTo("finance", "other")).isFalse();
        assertThat(heads.appliesTo("medical", "fraud")).isFalse();
    }

    @Test
    void sentimentIsUnweightedAndWidensWithThePosts() {
        HeadSpec head = heads.design(task("news-sentiment"),
                new DataProfile(9543, Map.of("bearish", 1442L, "bullish", 1923L, "neutral", 6178L), 384));
        assertThat(head.classWeighting()).isEqualTo(ClassWeighting.none());
        assertThat(head.hiddenLayers()).containsExactly(256);
        assertThat(head.labelSmoothing()).isEqualTo(0.05);
        HeadSpec small = heads.design(task("news-sentiment"),
                new DataProfile(900, Map.of("bearish", 150L, "bullish", 200L, "neutral", 550L), 384));
        assertThat(small.hiddenLayers()).containsExactly(128);
    }

    @Test
    void sentimentFineTunesTheTopEncoderLayersFromFiveThousandPosts() {
        DataProfile shipped = new DataProfile(9_543, Map.of("bearish", 1442L, "bullish", 1923L, "neutral", 6178L), 384);
        assertThat(heads.encoderTraining(task("news-sentiment"), shipped)).contains(EncoderTraining.fineTune(2));
        DataProfile few = new DataProfile(4_999, Map.of("bearish", 750L, "bullish", 1000L, "neutral", 3249L), 384);
        assertThat(heads.encoderTraining(task("news-sentiment"), few)).isEmpty();
        assertThat(heads.encoderTraining(task("credit-risk"), new DataProfile(50_000, Map.of("good", 35_000L, "bad", 15_000L), 61)))
                .isEmpty();
    }

    @Test
    void fraudWeightsFollowTheImbalanceUpToTheCap() {
        HeadSpec mild = heads.design(task("fraud"), new DataProfile(20_000, Map.of("legit", 19_600L, "fraud", 400L), 40));
        HeadSpec extreme = heads.design(task("fraud"),
                new DataProfile(1_000_000, Map.of("legit", 999_000L, "fraud", 1_000L), 40));
        assertThat(mild.classWeighting().weights()).containsEntry("legit", 1.0).containsEntry("fraud", 49.0);
        assertThat(extreme.classWeighting().weights()).containsEntry("fraud", FinanceHeads.FRAUD_WEIGHT_CAP);
        assertThat(mild.hiddenLayers()).isEqualTo(FinanceDomain.fraudHead().hiddenLayers());
    }

    @Test
    void creditRiskStaysUnweightedAndGrowsWithTheData() {
        HeadSpec small = heads.design(task("credit-risk"), new DataProfile(800, Map.of("good", 560L, "bad", 240L), 61));
        HeadSpec large = heads.design(task("credit-risk"),
                new DataProfile(50_000, Map.of("good", 35_000L, "bad", 15_000L), 61));
        assertThat(small).isEqualTo(FinanceDomain.creditHead());
        assertThat(large.hiddenLayers()).containsExactly(64, 32);
        assertThat(large.classWeighting()).isEqualTo(ClassWeighting.none());
    }

    @Test
    void aSingleClassGetsNoWeights() {
        HeadSpec head = heads.design(task("fraud"), new DataProfile(10, Map.of("legit", 10L), 40));
        assertThat(head.classWeighting()).isEqualTo(ClassWeighting.none());
    }

    @Test
    void anUnknownTaskIsAnError() {
        TaskSpec other = new TaskSpec("other", "", org.baihua.sdk.TaskKind.BINARY, java.util.List.of("a", "b"),
                java.util.List.of(org.baihua.sdk.FieldSpec.numeric("x", "")), null, org.baihua.sdk.Metric.F1, null);
        assertThatThrownBy(() -> heads.design(other, new DataProfile(1, Map.of(), 1)))
                .hasMessageContaining("'other'");
    }
}
