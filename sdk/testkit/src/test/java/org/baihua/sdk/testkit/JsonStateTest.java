package org.baihua.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.baihua.sdk.FittedState;
import org.junit.jupiter.api.Test;

class JsonStateTest {

    private final JsonState json = new JsonState();

    @Test
    void numbersMayChangeTypeThroughJsonButNotValue() {
        FittedState state = new FittedState(Map.of("count", 3L, "mean", 2.5f, "vocabulary", List.of("a", "b"),
                "nested", Map.of("median", 7.0)));

        FittedState restored = json.roundTrip(state);

        assertThat(restored.get("count")).isInstanceOf(Integer.class);
        assertThat(JsonState.firstDifference(state.values(), restored.values(), "")).isNull();
    }

    @Test
    void namesThePathOfTheFirstDifference() {
        Object a = Map.of("nested", Map.of("list", List.of(1, 2, 3)));
        Object b = Map.of("nested", Map.of("list", List.of(1, 2.0, 4L)));

        assertThat(JsonState.firstDifference(a, b, "")).isEqualTo("nested.list[2]: 3 vs 4");
        assertThat(JsonState.firstDifference(Map.of("x", "1"), Map.of("x", 1), "")).isEqualTo("x: String '1' vs Integer '1'");
    }
}
