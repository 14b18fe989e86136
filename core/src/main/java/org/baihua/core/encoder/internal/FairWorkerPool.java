package org.baihua.core.encoder.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.baihua.core.internal.RequestScope;

/**
 * A fixed set of worker threads that process items one at a time, taking turns between callers:
 * each call is a job in a round-robin queue and every worker takes the next item of the job at the
 * head, then moves that job to the tail. A single-item call therefore waits for at most one item
 * per worker, however large the calls queued before it.
 *
 * <p>Each thread owns its {@link Worker} (created in the thread on start, closed when it stops), so
 * workers need not be thread-safe.
 *
 * @param <I> item type
 * @param <O> result type
 */
public final class FairWorkerPool<I, O> implements AutoCloseable {

    /** Processes one item; owned by one thread. */
    public interface Worker<I, O> extends AutoCloseable {
        O process(I item) throws Exception;

        @Override
        void close();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch started;
    private volatile Throwable startFailure;
    private boolean closed;

    /**
     * Starts {@code size} threads named {@code name-1 ... name-size}, each creating its worker with
     * {@code workers}, and waits until all have done so.
     *
     * @throws IllegalStateException if a worker cannot be created (the pool is then closed)
     */
    public FairWorkerPool(String name, int size, Supplier<? extends Worker<I, O>> workers) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be >= 1, was " + size);
        }
        started = new CountDownLatch(size);
        for (int i = 1; i <= size; i++) {
            Thread thread = new Thread(() -> run(workers), name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        awaitUninterruptibly(started);
        if (startFailure != null) {
            close();
            throw new IllegalStateException("cannot start worker: " + startFailure.getMessage(), startFailure);
        }
    }

    /**
     * Processes every item and returns the results in the same order. Blocks until done.
     *
     * @throws WorkerFailure wrapping the first item's failure, with the item's index
     * @throws RequestScope.RequestCancelledException if the calling thread's request is cancelled
     *     before the items are done (the rest are not processed)
     * @throws IllegalStateException if the pool is closed, or the calling thread is interrupted
     *     (its interrupt flag is then set again)
     */
    public List<O> processAll(List<I> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        RequestScope scope = RequestScope.current();
        scope.check();
        Job job = new Job(items);
        // The cancel listener is registered before the job is queued, so a cancel at any moment after
        // this (deadline passed, client gone) takes the job's queued items out of the round robin at
        // once; an item a worker is running finishes, and its result is dropped.
        try (RequestScope.Registration ignored = scope.onCancel(e -> cancel(job, e))) {
            lock.lock();
            try {
                if (closed) {
                    throw new IllegalStateException("worker pool is closed");
                }
                if (!job.withdrawn) {
                    queue.addLast(job);
                    work.signalAll();
                }
            } finally {
                lock.unlock();
            }
            job.done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(job, new IllegalStateException("interrupted while waiting for results", e));
            throw new IllegalStateException("interrupted while waiting for results", e);
        }
        if (job.failure != null) {
            throw job.failure;
        }
        @SuppressWarnings("unchecked")
        List<O> results = (List<O>) Arrays.asList(job.results);
        return results;
    }

    /** Items waiting for a worker, over all queued calls. */
    public int queuedItems() {
        lock.lock();
        try {
            int sum = 0;
            for (Job job : queue) {
                sum += job.items.size() - job.next;
            }
            return sum;
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking work, fails calls still queued, and waits for the threads to finish their current item. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (Job job : queue) {
                job.fail(new IllegalStateException("worker pool closed before the work was done"));
            }
            queue.clear();
            work.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread thread : threads) {
            if (thread != Thread.currentThread()) {
                joinUninterruptibly(thread);
            }
        }
    }

    private void run(Supplier<? extends Worker<I, O>> workers) {
        Worker<I, O> worker;
        try {
            worker = workers.get();
        } catch (RuntimeException | Error e) {
            startFailure = e;
            started.countDown();
            return;
        }
        started.countDown();
        try (worker) {
            while (true) {
                Job job;
                int index;
                lock.lock();
                try {
                    while (queue.isEmpty() && !closed) {
                        work.awaitUninterruptibly();
                    }
                    if (closed) {
                        return;
                    }
                    job = queue.pollFirst();
                    index = job.next++;
                    if (job.next < job.items.size()) {
                        queue.addLast(job);
                    }
                } finally {
                    lock.unlock();
                }
                if (job.failure != null) {
                    continue;
                }
                try {
                    job.complete(index, worker.process(job.items.get(index)));
                } catch (Exception | Error e) {
                    cancel(job, new WorkerFailure(index, e));
                }
            }
        }
    }

    private void cancel(Job job, RuntimeException failure) {
        lock.lock();
        try {
            job.withdrawn = true;
            queue.remove(job);
        } finally {
            lock.unlock();
        }
        job.fail(failure);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The failure of one item; {@link #index()} is its position in the call. */
    public static final class WorkerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int index;

        WorkerFailure(int index, Throwable cause) {
            super("item " + index + ": " + cause.getMessage(), cause);
            this.index = index;
        }

        /** Position of the failed item in the call. */
        public int index() {
            return index;
        }
    }

    /** One call's items; {@code next} is guarded by the pool's lock. */
    private final class Job {
        final List<I> items;
        final Object[] results;
        final AtomicInteger remaining;
        final CountDownLatch done = new CountDownLatch(1);
        int next;
        /** Cancelled: never queued again. Guarded by the pool's lock. */
        boolean withdrawn;
        volatile RuntimeException failure;

        Job(List<I> items) {
            this.items = items;
            this.results = new Object[items.size()];
            this.remaining = new AtomicInteger(items.size());
        }

        void complete(int index, O result) {
            results[index] = result;
            if (remaining.decrementAndGet() == 0) {
                done.countDown();
            }
        }

        synchronized void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
                done.countDown();
            }
        }
    }
}
