package org.baihua.bench.encoder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs every sentence through an embedding function in calls of a given size from several callers. */
final class Throughput {

    /** One embedding call of a system under test. */
    interface Call {
        void embed(List<String> texts) throws Exception;
    }

    /**
     * How a client uses the encoder.
     *
     * @param name label in the results
     * @param callSize texts per call
     * @param callers threads calling at once
     */
    record Pattern(String name, int callSize, int callers) {}

    private Throughput() {}

    /**
     * A measurement: wall-clock throughput, and sentences per CPU-second of this process (all its
     * threads, spinning included), which other processes on a shared machine disturb far less.
     */
    record Rate(double perSecond, double perCpuSecond) {
        Rate best(Rate other) {
            return new Rate(Math.max(perSecond, other.perSecond), Math.max(perCpuSecond, other.perCpuSecond));
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** Throughput over all {@code sentences}, split into calls in their given order. */
    static Rate measure(List<String> sentences, Pattern pattern, Call call) throws Exception {
        List<List<String>> calls = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i += pattern.callSize()) {
            calls.add(sentences.subList(i, Math.min(sentences.size(), i + pattern.callSize())));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(pattern.callers());
        try {
            long start = System.nanoTime();
            long cpuStart = OS.getProcessCpuTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < pattern.callers(); c++) {
                running.add(callers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < calls.size(); i = next.getAndIncrement()) {
                        call.embed(calls.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = (OS.getProcessCpuTime() - cpuStart) / 1e9;
            return new Rate(sentences.size() / wall, sentences.size() / cpu);
        } finally {
            callers.shutdownNow();
        }
    }
}
