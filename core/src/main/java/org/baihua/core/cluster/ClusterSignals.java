package org.baihua.core.cluster;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.baihua.core.registry.Database;
import org.baihua.core.registry.Dialect;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other hosts sharing the database that something changed, and runs this host's
 * reconcilers. On PostgreSQL a change is announced with {@code NOTIFY} after its commit and heard
 * by every other host's {@code LISTEN} session within milliseconds; a notification only wakes a
 * host up, the shared state (database, bucket) stays the truth. Every {@code cluster.poll-millis}
 * (and after the listening session is re-opened) each host runs its pollers anyway, so a
 * notification lost with a connection, or never sent by a host killed right after its commit,
 * delays a change by one poll at most. On SQLite (one host) nothing is sent and the pollers run.
 */
public final class ClusterSignals implements AutoCloseable {

    /** The PostgreSQL channel's prefix; the schema follows, since channels are per database, not per schema. */
    static final String CHANNEL = "baihua_events_";
    private static final Logger log = LoggerFactory.getLogger(ClusterSignals.class);

    private final ClusterConfig config;
    private final Database database;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final List<Runnable> pollers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean listening;
    private volatile Connection session;
    private volatile String channel;

    @Inject
    public ClusterSignals(ClusterConfig config, Database database) {
        this.config = requireNonNull(config, "config is null");
        this.database = requireNonNull(database, "database is null");
        this.thread = new Thread(this::run, "baihua-cluster-signals");
        thread.setDaemon(true);
    }

    /** Starts listening and polling; call once the host's features have subscribed. */
    public void start() {
        thread.start();
    }

    /** Whether notifications are on (PostgreSQL with {@code cluster.notify=true}). */
    public boolean notifying() {
        return config.notifications() && database.dialect() == Dialect.POSTGRESQL;
    }

    /** Whether this host's listening session is open right now. */
    public boolean listening() {
        return listening;
    }

    /** Calls {@code listener} with the payload of every notification on {@code topic} from another host. */
    public Runnable subscribe(String topic, Consumer<String> listener) {
        requireNonNull(listener, "listener is null");
        List<Consumer<String>> list = listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    /** Runs {@code poller} every {@code cluster.poll-millis} on the signals thread. */
    public void poll(Runnable poller) {
        pollers.add(requireNonNull(poller, "poller is null"));
    }

    /**
     * Tells the other hosts about a committed change. Never fails the caller: the change is durable
     * already and the other hosts' pollers will find it.
     */
    public void send(String topic, String payload) {
        if (!notifying() || closed) {
            return;
        }
        String message = config.hostId() + "\t" + topic + "\t" + payload;
        try {
            String name = channel();
            database.read("notifying the other hosts of " + topic + " " + payload, c -> {
                try (PreparedStatement statement = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                    statement.setString(1, name);
                    statement.setString(2, message);
                    statement.execute();
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Could not notify the other hosts of {} {} (they will see it at their next poll): {}", topic, payload,
                    e.getMessage());
        }
    }

    private void run() {
        long backoff = config.pollMillis();
        while (!closed) {
            if (!notifying()) {
                runPollers();
                sleep(config.pollMillis());
                continue;
            }
            try (Connection connection = database.openUnpooled()) {
                session = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN \"" + channel() + "\"");
                }
                listening = true;
                PGConnection pg = connection.unwrap(PGConnection.class);
                runPollers(); // whatever changed while no session listened
                long nextPoll = System.nanoTime() + config.pollMillis() * 1_000_000L;
                while (!closed) {
                    long waitMillis = Math.max(1, (nextPoll - System.nanoTime()) / 1_000_000L);
                    PGNotification[] notifications = pg.getNotifications((int) Math.min(waitMillis, Integer.MAX_VALUE));
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification.getParameter());
                        }
                    }
                    if (System.nanoTime() - nextPoll >= 0) {
                        runPollers();
                        nextPoll = System.nanoTime() + config.pollMillis() * 1_000_000L;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("The cluster notification session failed ({}); polling every {} ms until it is back", e.getMessage(),
                        config.pollMillis());
                runPollers();
                sleep(backoff);
            } finally {
                listening = false;
                session = null;
            }
        }
    }

    /**
     * This cluster's channel: {@value #CHANNEL} and the registry's schema, so that clusters kept in two
     * schemas of one database do not wake each other.
     */
    String channel() {
        String name = channel;
        if (name == null) {
            String schema = database.read("reading the registry schema", c -> {
                try (Statement statement = c.createStatement(); var rs = statement.executeQuery("SELECT current_schema()")) {
                    return rs.next() && rs.getString(1) != null ? rs.getString(1) : "public";
                }
            });
            name = (CHANNEL + schema.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
            name = name.substring(0, Math.min(63, name.length()));
            channel = name;
        }
        return name;
    }

    private void dispatch(String message) {
        String[] parts = message.split("\t", 3);
        if (parts.length != 3 || parts[0].equals(config.hostId())) {
            return; // malformed, or this host's own
        }
        for (Consumer<String> listener : listeners.getOrDefault(parts[1], List.of())) {
            try {
                listener.accept(parts[2]);
            } catch (RuntimeException e) {
                log.warn("A listener to {} failed on '{}' from host '{}'", parts[1], parts[2], parts[0], e);
            }
        }
    }

    private void runPollers() {
        for (Runnable poller : pollers) {
            try {
                poller.run();
            } catch (RuntimeException e) {
                log.warn("A cluster poller failed: {}", e.getMessage(), e);
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        Connection open = session;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException e) {
                log.debug("Closing the cluster notification session: {}", e.getMessage());
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
