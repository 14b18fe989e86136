package org.baihua.core.registry;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a model version is in its training life. {@code QUEUED → TRAINING → READY}, and from
 * either of the first two {@code FAILED} or {@code CANCELLED}. The last three are final. Only a
 * READY version has an artifact and can be promoted or served. {@code TRAINING → QUEUED} happens
 * once at most, when its job is re-queued after its host was lost ({@code jobs.lost-policy=requeue}).
 */
public enum VersionState {
    QUEUED,
    TRAINING,
    READY,
    FAILED,
    CANCELLED;

    /** Whether a version in this state may move to {@code next}. */
    public boolean canMoveTo(VersionState next) {
        return successors().contains(next);
    }

    /** Whether training is still to come or under way. */
    public boolean isActive() {
        return this == QUEUED || this == TRAINING;
    }

    private Set<VersionState> successors() {
        return switch (this) {
            case QUEUED -> EnumSet.of(TRAINING, FAILED, CANCELLED);
            case TRAINING -> EnumSet.of(READY, FAILED, CANCELLED, QUEUED);
            case READY, FAILED, CANCELLED -> EnumSet.noneOf(VersionState.class);
        };
    }
}
