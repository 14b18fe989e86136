package org.baihua.core.features;

import org.baihua.core.encoder.LongText;
import org.baihua.core.encoder.TextEncoder;

/** Finds a shared text encoder by its id and long-text strategy, to restore a pipeline fitted with that encoder. */
@FunctionalInterface
public interface EncoderLookup {

    /**
     * The encoder with this id, handling long texts by {@code longText}.
     *
     * @throws IllegalArgumentException if no such encoder is installed
     */
    TextEncoder encoder(String encoderId, LongText longText);
}
