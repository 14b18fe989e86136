package org.baihua.core.features;

import org.baihua.core.encoder.TextEncoder;

/** Finds a shared text encoder by its id, to restore a pipeline fitted with that encoder. */
@FunctionalInterface
public interface EncoderLookup {

    /**
     * The encoder with this id.
     *
     * @throws IllegalArgumentException if no such encoder is installed
     */
    TextEncoder encoder(String encoderId);
}
