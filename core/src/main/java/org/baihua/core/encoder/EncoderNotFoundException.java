package org.baihua.core.encoder;

import java.util.Collection;
import java.util.List;

/** A task or request named an encoder the host does not have. */
public class EncoderNotFoundException extends EncoderException {
    private static final long serialVersionUID = 1L;

    private final List<String> knownIds;

    public EncoderNotFoundException(String encoderId, Collection<String> knownIds) {
        super(encoderId, "not found; known encoders: " + List.copyOf(knownIds));
        this.knownIds = List.copyOf(knownIds);
    }

    /** The ids the host does have. */
    public List<String> knownIds() {
        return knownIds;
    }
}
