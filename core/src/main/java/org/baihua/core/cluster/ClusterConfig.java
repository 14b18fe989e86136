package org.baihua.core.cluster;

import java.util.List;
import java.util.Objects;
import org.baihua.core.config.ConfigKey;
import org.baihua.core.config.Settings;

/**
 * How hosts sharing one PostgreSQL database tell each other about changes.
 *
 * @param hostId this host's id ({@code jobs.host-id}), so a host ignores its own notifications
 * @param notifications whether to use PostgreSQL {@code LISTEN/NOTIFY} ({@code cluster.notify}, default true); without it
 *     the other hosts see a change at their next poll
 * @param pollMillis how often a host re-reads shared state whatever the notifications say ({@code cluster.poll-millis},
 *     default 2000): the fallback for a notification lost with a connection or a host killed between commit and notify
 */
public record ClusterConfig(String hostId, boolean notifications, int pollMillis) {

    public static final ConfigKey<Boolean> NOTIFY = ConfigKey.bool("cluster.notify", true);
    public static final ConfigKey<Integer> POLL_MILLIS = ConfigKey.integer("cluster.poll-millis", 2_000, 50, 600_000);
    /** This record's keys. */
    public static final List<ConfigKey<?>> KEYS = List.of(NOTIFY, POLL_MILLIS);

    public ClusterConfig {
        Objects.requireNonNull(hostId, "hostId is null");
    }

    /** Reads {@code cluster.*} for the host {@code hostId}. */
    public static ClusterConfig from(Settings settings, String hostId) {
        return new ClusterConfig(hostId, settings.get(NOTIFY), settings.get(POLL_MILLIS));
    }
}
