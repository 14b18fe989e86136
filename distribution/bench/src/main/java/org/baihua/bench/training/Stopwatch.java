package org.baihua.bench.training;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Wall-clock and calling-thread CPU time. On a shared machine the CPU time of a single-threaded run
 * is the steadier figure: it does not count the time other processes held the core.
 */
final class Stopwatch {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long wall = System.nanoTime();
    private final long cpu = THREADS.getCurrentThreadCpuTime();

    /** Milliseconds since start: [wall, cpu of this thread]. */
    double[] millis() {
        return new double[] {(System.nanoTime() - wall) / 1e6, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6};
    }
}
