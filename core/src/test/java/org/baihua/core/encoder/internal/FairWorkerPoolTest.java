package org.baihua.core.encoder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.baihua.core.BaihuaException;
import org.baihua.core.internal.RequestScope;
import org.junit.jupiter.api.Test;

class FairWorkerPoolTest {

    @Test
    void resultsComeBackInTheOrderOfTheItems() {
        try (FairWorkerPool<Integer, Integer> pool = new FairWorkerPool<>("t", 3, () -> worker(i -> i * i))) {
            List<Integer> items = IntStream.range(0, 100).boxed().toList();
            assertThat(pool.processAll(items)).isEqualTo(items.stream().map(i -> i * i).toList());
            assertThat(pool.processAll(List.of())).isEmpty();
        }
    }

    @Test
    void aSmallCallIsServedBetweenTheItemsOfALargeOne() throws Exception {
        // One worker, gated: each item waits for a permit, so the test decides when items finish.
        Semaphore permits = new Semaphore(0);
        List<String> processed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstStarted = new CountDownLatch(1);
        try (FairWorkerPool<String, String> pool = new FairWorkerPool<>("t", 1, () -> worker(item -> {
            firstStarted.countDown();
            permits.acquireUninterruptibly();
            processed.add(item);
            return item;
        }))) {
            List<String> large = IntStream.range(0, 50).mapToObj(i -> "large-" + i).toList();
            CompletableFuture<List<String>> big = CompletableFuture.supplyAsync(() -> pool.processAll(large));
            assertThat(firstStarted.await(1, TimeUnit.MINUTES)).isTrue();
            CompletableFuture<List<String>> small = CompletableFuture.supplyAsync(() -> pool.processAll(List.of("small")));
            // Wait until the small call is queued, then let items through one by one.
            while (!small.isDone()) {
                permits.release();
                try {
                    small.get(20, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException notYet) {
                    // keep releasing
                }
            }
            permits.release(100);
            assertThat(big.get(1, TimeUnit.MINUTES)).isEqualTo(large);
            assertThat(small.get()).containsExactly("small");
            // The small call finished long before the large one, not after its 50 items.
            assertThat(processed.indexOf("small")).isLessThan(large.size() / 2);
        }
    }

    @Test
    void aCancelledRequestDropsItsQueuedItemsAndTheCallerGetsTheReason() throws Exception {
        Semaphore permits = new Semaphore(0);
        AtomicInteger processed = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        try (FairWorkerPool<Integer, Integer> pool = new FairWorkerPool<>("t", 1, () -> worker(i -> {
            firstStarted.countDown();
            permits.acquireUninterruptibly();
            processed.incrementAndGet();
            return i;
        }))) {
            try {
                CompletableFuture<RequestScope> scope = new CompletableFuture<>();
                CompletableFuture<List<Integer>> call = CompletableFuture.supplyAsync(() -> {
                    try (RequestScope request = RequestScope.open("POST /predict")) {
                        scope.complete(request);
                        return pool.processAll(IntStream.range(0, 100).boxed().toList());
                    }
                });
                assertThat(firstStarted.await(1, TimeUnit.MINUTES)).isTrue();
                // the caller may still be queueing while the worker holds the first item
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (pool.queuedItems() < 99 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(pool.queuedItems()).isEqualTo(99);
                scope.get().cancel(BaihuaException.Kind.UNAVAILABLE, "the client closed the connection");
                assertThat(pool.queuedItems()).isZero();
                assertThatThrownBy(() -> call.get(1, TimeUnit.MINUTES))
                        .hasCauseInstanceOf(RequestScope.RequestCancelledException.class)
                        .hasMessageContaining("the client closed the connection");
                permits.release(100);
                // The pool is free for the next call; the cancelled call's 99 queued items never ran.
                assertThat(pool.processAll(List.of(7))).containsExactly(7);
                assertThat(processed.get()).isEqualTo(2);
            } finally {
                // a failed assertion must not leave the worker blocked, or closing the pool waits for ever
                permits.release(1_000);
            }
        }
    }

    @Test
    void aCallOfAnAlreadyCancelledRequestIsRefusedBeforeQueueing() {
        try (FairWorkerPool<Integer, Integer> pool = new FairWorkerPool<>("t", 1, () -> worker(i -> i));
             RequestScope request = RequestScope.open("POST /embed")) {
            request.cancel(BaihuaException.Kind.TIMEOUT, "deadline of 10 ms passed");
            assertThatThrownBy(() -> pool.processAll(List.of(1))).isInstanceOf(RequestScope.RequestCancelledException.class)
                    .hasMessageContaining("deadline");
            assertThat(pool.queuedItems()).isZero();
        }
        assertThat(RequestScope.current()).isSameAs(RequestScope.NONE);
    }

    @Test
    void aFailingItemFailsItsCallWithTheIndexAndThePoolGoesOn() {
        try (FairWorkerPool<Integer, Integer> pool = new FairWorkerPool<>("t", 2, () -> worker(i -> {
            if (i == 7) {
                throw new IllegalStateException("seven is bad");
            }
            return i;
        }))) {
            assertThatThrownBy(() -> pool.processAll(IntStream.range(0, 20).boxed().toList()))
                    .isInstanceOf(FairWorkerPool.WorkerFailure.class)
                    .hasMessageContaining("item 7: seven is bad")
                    .satisfies(e -> assertThat(((FairWorkerPool.WorkerFailure) e).index()).isEqualTo(7));
            assertThat(pool.processAll(List.of(1, 2))).containsExactly(1, 2);
        }
    }

    @Test
    void workersAreCreatedAndClosedInTheirOwnThreads() {
        AtomicInteger open = new AtomicInteger();
        List<String> closedBy = Collections.synchronizedList(new ArrayList<>());
        FairWorkerPool<Integer, String> pool = new FairWorkerPool<>("named", 2, () -> {
            open.incrementAndGet();
            String creator = Thread.currentThread().getName();
            return new FairWorkerPool.Worker<Integer, String>() {
                @Override
                public String process(Integer item) {
                    return Thread.currentThread().getName().equals(creator) ? "same" : "other";
                }

                @Override
                public void close() {
                    closedBy.add(Thread.currentThread().getName());
                    open.decrementAndGet();
                }
            };
        });
        assertThat(pool.processAll(List.of(1, 2, 3, 4))).containsOnly("same");
        pool.close();

        assertThat(open).hasValue(0);
        assertThat(closedBy).containsExactlyInAnyOrder("named-1", "named-2");
        assertThatThrownBy(() -> pool.processAll(List.of(1))).hasMessageContaining("closed");
    }

    @Test
    void aWorkerThatCannotStartFailsTheConstructor() {
        assertThatThrownBy(() -> new FairWorkerPool<Integer, Integer>("t", 2, () -> {
            throw new IllegalArgumentException("no model");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("no model");
    }

    interface Body<I, O> {
        O apply(I item) throws Exception;
    }

    private static <I, O> FairWorkerPool.Worker<I, O> worker(Body<I, O> body) {
        return new FairWorkerPool.Worker<>() {
            @Override
            public O process(I item) throws Exception {
                return body.apply(item);
            }

            @Override
            public void close() {}
        };
    }
}
