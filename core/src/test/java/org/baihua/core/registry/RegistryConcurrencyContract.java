package org.baihua.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.baihua.core.ConflictException;
import org.junit.jupiter.api.Test;

/** Concurrent lifecycle moves on one model; run against every {@link Backend}. */
abstract class RegistryConcurrencyContract extends RegistryTestBase {
    private static final int THREADS = 6;
    private static final int MOVES_PER_THREAD = 40;

    @Test
    void concurrentPromoteAndRollbackNeverLeaveTwoProductionVersions() throws Exception {
        ModelRegistry registry = stores.registry;
        for (int i = 0; i < 4; i++) {
            TestData.readyVersion(registry, "fraud");
        }
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        List<Integer> succeeded = runConcurrently(thread -> {
            Random random = new Random(thread);
            int moves = 0;
            for (int i = 0; i < MOVES_PER_THREAD; i++) {
                try {
                    if (random.nextInt(3) == 0) {
                        registry.rollback("fraud");
                    } else {
                        registry.promote("fraud", 1 + random.nextInt(4));
                    }
                    moves++;
                } catch (ConflictException expected) {
                    // another thread got there first: the move is no longer legal
                }
                long production = registry.versions("fraud").stream().filter(v -> v.stage() == Stage.PRODUCTION).count();
                if (production > 1) {
                    violations.add("thread " + thread + " saw " + production + " production versions");
                }
            }
            return moves;
        });

        assertThat(violations).isEmpty();
        assertThat(succeeded.stream().mapToInt(Integer::intValue).sum()).isPositive();
        assertThat(registry.versions("fraud")).filteredOn(v -> v.stage() == Stage.PRODUCTION).hasSize(1);
        int productionRows = stores.database.read("counting", c -> Rows.first(c,
                "SELECT COUNT(*) AS n FROM model_versions WHERE model_name = 'fraud' AND stage = 'PRODUCTION'",
                rs -> rs.getInt("n")).orElseThrow());
        assertThat(productionRows).isEqualTo(1);
    }

    @Test
    void concurrentFirstVersionsOfANewModelGetDistinctNumbers() throws Exception {
        ModelRegistry registry = stores.registry;
        List<Integer> versions = new ArrayList<>();
        for (List<Integer> perThread : runConcurrently(thread -> {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                mine.add(registry.createVersion("fresh", "finance", "fraud", TestData.lineage()).version());
            }
            return mine;
        })) {
            versions.addAll(perThread);
        }
        assertThat(versions).hasSize(THREADS * 5).doesNotHaveDuplicates()
                .allMatch(v -> v >= 1 && v <= THREADS * 5);
        assertThat(registry.model("fresh").latestVersion()).isEqualTo(THREADS * 5);
    }

    private interface Worker<T> {
        T run(int thread) throws Exception;
    }

    /** Starts all threads at once and waits for them; a deadlock fails the test instead of hanging it. */
    private static <T> List<T> runConcurrently(Worker<T> worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<T> task = () -> {
                    start.await();
                    return worker.run(thread);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(5, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
