package org.baihua.core.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.baihua.core.registry.Model;
import org.junit.jupiter.api.Test;

/** A promote this host was not told of is handed to the warm-up at the next poll, once. */
class ProductionChangesTest {

    private final List<Model> registry = new ArrayList<>();
    private final List<String> warmed = new ArrayList<>();
    private final ProductionChanges changes = new ProductionChanges(() -> List.copyOf(registry),
            (model, version) -> warmed.add(model + " v" + version));

    private void production(String model, Integer version) {
        registry.removeIf(m -> m.name().equals(model));
        registry.add(new Model(model, "finance", "credit-risk", Instant.EPOCH, "admin", version, 9));
    }

    @Test
    void eachProductionChangeIsReportedAtTheNextPollOnly() {
        production("credit", 1);
        production("news", null);
        changes.poll();
        assertThat(warmed).as("the first poll: every production version").containsExactly("credit v1");

        changes.poll();
        assertThat(warmed).as("nothing changed").containsExactly("credit v1");

        production("credit", 2); // promoted on another host, its notification lost
        production("news", 4);
        changes.poll();
        assertThat(warmed).containsExactly("credit v1", "credit v2", "news v4");

        production("credit", 1); // rolled back
        changes.poll();
        changes.poll();
        assertThat(warmed).containsExactly("credit v1", "credit v2", "news v4", "credit v1");
    }

    @Test
    void aVersionPromotedAgainAfterProductionWasClearedIsReportedAgain() {
        production("credit", 3);
        changes.poll();
        production("credit", null);
        changes.poll();
        registry.clear(); // the model deleted, then created again by another host
        production("credit", 3);
        changes.poll();
        assertThat(warmed).containsExactly("credit v3", "credit v3");
    }
}
