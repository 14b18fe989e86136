package org.baihua.core.registry;

import java.util.Objects;

/**
 * Something that happened to a model version, published by the registry after its transaction
 * committed. Listeners such as the predictor react to it whoever caused it (REST, CLI, a job).
 *
 * @param kind what happened
 * @param model the model name
 * @param version the version number
 * @param fromAnotherHost whether another host sharing the database made the change and this host only heard of it:
 *     listeners then refresh what they cache, but leave the shared records (history, routing) to the host that made it
 */
public record RegistryEvent(Kind kind, String model, int version, boolean fromAnotherHost) {

    /** What happened to the version. */
    public enum Kind {
        /** Training ended and the version can be served. */
        READY,
        /** Training failed or was interrupted. */
        FAILED,
        /** Training was cancelled. */
        CANCELLED,
        /** The version became the model's production version (by promote or rollback). */
        PROMOTED,
        /** The version was archived: it is no longer served. */
        ARCHIVED,
        /** The version and its artifact were deleted. */
        DELETED;

        /** Whether a version this happened to can no longer be served. */
        public boolean retires() {
            return this == ARCHIVED || this == DELETED;
        }
    }

    public RegistryEvent {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(model, "model is null");
    }

    /** A change made on this host. */
    public RegistryEvent(Kind kind, String model, int version) {
        this(kind, model, version, false);
    }
}
