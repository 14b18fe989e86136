package org.baihua.plugins.medical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DataProfile;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.OptimizerSpec;
import org.junit.jupiter.api.Test;

class MedicalHeadsTest {

    private final MedicalHeads heads = new MedicalHeads();

    /** The class counts of the shipped abstracts sample. */
    private static final Map<String, Long> ABSTRACT_COUNTS = Map.of("neoplasms", 425L, "digestive system diseases", 207L,
            "nervous system diseases", 237L, "cardiovascular diseases", 383L, "general pathological conditions", 636L);

    @Test
    void appliesToTheMedicalTasks() {
        assertThat(heads.appliesTo("medical", "condition")).isTrue();
        assertThat(heads.appliesTo("medical", "diabetes-risk")).isTrue();
        assertThat(heads.appliesTo("medical", "other")).isFalse();
        assertThat(heads.appliesTo("finance", "condition")).isFalse();
    }

    @Test
    void givesTheAbstractsALinearHeadWithBalancedWeightsAndLabelSmoothing() {
        HeadSpec head = heads.design(MedicalDomainFixture.task("condition"), new DataProfile(1510, ABSTRACT_COUNTS, 384));

        assertThat(head.hiddenLayers()).isEmpty();
        assertThat(head.optimizer().learningRate()).isEqualTo(3e-2);
        assertThat(head.labelSmoothing()).isEqualTo(0.1);
        assertThat(head.classWeighting().mode()).isEqualTo(ClassWeighting.Mode.BALANCED);
        assertThat(head.optimizer().kind()).isEqualTo(OptimizerSpec.Kind.ADAMW);
    }

    @Test
    void scalesTheConditionHeadWithTheData() {
        Map<String, Long> even = Map.of("a", 50L, "b", 50L);

        assertThat(heads.design(MedicalDomainFixture.task("condition"), new DataProfile(4_999, even, 384)).hiddenLayers()).isEmpty();
        HeadSpec large = heads.design(MedicalDomainFixture.task("condition"), new DataProfile(20_000, even, 384));
        assertThat(large.hiddenLayers()).containsExactly(256);
        assertThat(large.dropout()).isEqualTo(0.2);
        assertThat(heads.design(MedicalDomainFixture.task("condition"), new DataProfile(100, even, 384)).classWeighting().mode())
                .isEqualTo(ClassWeighting.Mode.NONE);
    }

    @Test
    void givesPimaSizedDataALinearHeadAndLargerDataASmallMlp() {
        Map<String, Long> pima = Map.of("negative", 375L, "positive", 201L);

        HeadSpec small = heads.design(MedicalDomainFixture.task("diabetes-risk"), new DataProfile(576, pima, 13));
        HeadSpec large = heads.design(MedicalDomainFixture.task("diabetes-risk"), new DataProfile(50_000, pima, 13));

        assertThat(small.hiddenLayers()).isEmpty();
        assertThat(small.classWeighting().mode()).isEqualTo(ClassWeighting.Mode.BALANCED);
        assertThat(large.hiddenLayers()).isEqualTo(List.of(16));
    }

    @Test
    void theTaskDefaultsAreWhatTheDesignerChoosesForTheSamples() {
        assertThat(MedicalDomainFixture.task("condition").head())
                .isEqualTo(heads.design(MedicalDomainFixture.task("condition"), new DataProfile(1510, ABSTRACT_COUNTS, 384)));
        assertThat(MedicalDomainFixture.task("diabetes-risk").head()).isEqualTo(heads.design(
                MedicalDomainFixture.task("diabetes-risk"), new DataProfile(614, Map.of("negative", 400L, "positive", 214L), 13)));
    }
}
