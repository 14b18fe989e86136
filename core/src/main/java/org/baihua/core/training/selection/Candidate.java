package org.baihua.core.training.selection;

import java.util.Objects;
import org.baihua.sdk.HeadSpec;

/**
 * One configuration the model selection tries.
 *
 * @param name what differs from the designed head, for the report ({@code designed}, {@code lr/3}...)
 * @param head the head
 * @param learningRate the peak learning rate, or null for the head optimiser's own
 */
public record Candidate(String name, HeadSpec head, Double learningRate) {

    public Candidate {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(head, "head is null");
    }
}
