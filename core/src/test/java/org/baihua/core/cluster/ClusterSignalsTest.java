package org.baihua.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.baihua.core.registry.Database;
import org.baihua.core.registry.RegistryConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LISTEN/NOTIFY between two "hosts" (two pools and signal threads) on the PostgreSQL named by
 * {@code BAIHUA_TEST_PG_URL}, each cluster in a schema of its own; skipped without it.
 */
class ClusterSignalsTest {

    private final String url = System.getenv("BAIHUA_TEST_PG_URL");
    private final String user = System.getenv("BAIHUA_TEST_PG_USER");
    private final String password = System.getenv("BAIHUA_TEST_PG_PASSWORD");
    private final List<String> schemas = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        for (String schema : schemas) {
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private String schema() throws Exception {
        assumeTrue(url != null && !url.isBlank(), "BAIHUA_TEST_PG_URL is not set: PostgreSQL tests skipped");
        String schema = "c_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql("CREATE SCHEMA " + schema);
        schemas.add(schema);
        return schema;
    }

    private ClusterSignals host(String schema, String hostId, boolean notifications) {
        Database database = new Database(new RegistryConfig(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                user, password, 2));
        open.add(database);
        ClusterSignals signals = new ClusterSignals(new ClusterConfig(hostId, notifications, 200), database);
        open.add(signals);
        return signals;
    }

    @Test
    void aNotificationWakesTheOtherHostsOfItsClusterOnly() throws Exception {
        String schema = schema();
        ClusterSignals one = host(schema, "h1", true);
        ClusterSignals two = host(schema, "h2", true);
        ClusterSignals elsewhere = host(schema(), "h3", true);
        List<String> heardByOne = new CopyOnWriteArrayList<>();
        List<String> heardElsewhere = new CopyOnWriteArrayList<>();
        CountDownLatch heardByTwo = new CountDownLatch(1);
        List<String> payloads = new CopyOnWriteArrayList<>();
        one.subscribe("plugins", heardByOne::add);
        two.subscribe("plugins", payload -> {
            payloads.add(payload);
            heardByTwo.countDown();
        });
        elsewhere.subscribe("plugins", heardElsewhere::add);
        for (ClusterSignals signals : List.of(one, two, elsewhere)) {
            signals.start();
        }
        awaitListening(one, two, elsewhere);

        one.send("plugins", "install finance");
        assertThat(heardByTwo.await(30, TimeUnit.SECONDS)).as("host 2 heard host 1").isTrue();
        assertThat(payloads).containsExactly("install finance");
        // sent after the first, so delivered after it: once host 2 has it, hosts 1 and 3 have had theirs
        CountDownLatch second = new CountDownLatch(1);
        two.subscribe("jobs.queued", payload -> second.countDown());
        one.send("jobs.queued", "job-1");
        assertThat(second.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(heardByOne).as("a host ignores its own notifications").isEmpty();
        assertThat(heardElsewhere).as("another schema is another cluster").isEmpty();
        assertThat(one.notifying()).isTrue();
    }

    @Test
    void withoutNotificationsNothingIsSentAndThePollersStillRun() throws Exception {
        String schema = schema();
        ClusterSignals one = host(schema, "h1", false);
        AtomicInteger polls = new AtomicInteger();
        CountDownLatch polled = new CountDownLatch(3);
        one.poll(() -> {
            polls.incrementAndGet();
            polled.countDown();
        });
        one.start();
        assertThat(polled.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(one.notifying()).isFalse();
        assertThat(one.listening()).isFalse();
        one.send("plugins", "install finance"); // a no-op, and never an error
    }

    private static void awaitListening(ClusterSignals... hosts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ClusterSignals host : hosts) {
            while (!host.listening()) {
                assertThat(System.nanoTime()).as("listening within 30 s").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }
}
