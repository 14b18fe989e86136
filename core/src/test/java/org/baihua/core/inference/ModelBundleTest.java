package org.baihua.core.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.baihua.core.drift.ReferenceProfile;
import org.baihua.core.features.FieldEncoding;
import org.baihua.core.features.PipelineState;
import org.baihua.core.internal.Json;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.TaskKind;
import org.junit.jupiter.api.Test;

/** pipeline.json keeps the drift profile, and one written before profiles existed still reads (without one). */
class ModelBundleTest {

    @Test
    void theReferenceProfileTravelsInPipelineJsonAndOldBundlesReadWithoutIt() throws Exception {
        ObjectMapper json = Json.newMapper();
        ReferenceProfile.Histogram bins = new ReferenceProfile.Histogram(List.of(1.0, 2.0), List.of(0.25, 0.5, 0.25, 0.0));
        ReferenceProfile profile = new ReferenceProfile(ReferenceProfile.FORMAT, 40, 10,
                List.of(new ReferenceProfile.NumericInput("x", 1.5, bins)), List.of(), List.of(),
                new ReferenceProfile.Histogram(List.of(), List.of(0.4, 0.6, 0.0)));
        ModelBundle bundle = new ModelBundle(ModelBundle.FORMAT, "d", "t", TaskKind.BINARY, List.of("no", "yes"), List.of(),
                new PipelineState("t", null, 0, 2, List.of(new FieldEncoding("x", FieldType.NUMERIC, 0, 2, 1.5, 0.5, null))),
                DecisionPolicy.argmax(), null, profile);

        ModelBundle read = json.readValue(json.writeValueAsBytes(bundle), ModelBundle.class);
        assertThat(read.reference()).isEqualTo(profile);
        assertThat(read.reference().numeric().get(0).values().bin(1.5)).isEqualTo(1);
        assertThat(read.reference().numeric().get(0).values().bin(null)).isEqualTo(3);

        ObjectNode old = (ObjectNode) json.valueToTree(bundle);
        old.remove("reference");
        old.remove("tunedEncoder");
        ModelBundle before = json.treeToValue(old, ModelBundle.class);
        assertThat(before.reference()).isNull();
        assertThat(before.labels()).containsExactly("no", "yes");
    }
}
