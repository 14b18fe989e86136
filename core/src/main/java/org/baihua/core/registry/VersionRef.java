package org.baihua.core.registry;

/**
 * A (model, version) pair.
 *
 * @param model the model name
 * @param version the version number
 */
public record VersionRef(String model, int version) {

    @Override
    public String toString() {
        return model + " v" + version;
    }
}
