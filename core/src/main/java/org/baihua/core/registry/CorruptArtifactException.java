package org.baihua.core.registry;

import org.baihua.core.BaihuaException;

/** A stored artifact is missing or does not match its checksums; it is reported, never served. */
public class CorruptArtifactException extends BaihuaException {

    public CorruptArtifactException(String model, int version, String problem) {
        super(Kind.INTERNAL, "Artifact of model '" + model + "' version " + version + " is corrupt: " + problem);
    }
}
