package org.baihua.bench.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.baihua.core.inference.Predictor;

/** The same closed loop as {@link HttpLoad}, calling the host's {@link Predictor} directly: the ceiling HTTP is compared with. */
final class InProcessLoad {

    private final Predictor predictor;
    private final String model;
    private final List<Map<String, Object>> records;

    InProcessLoad(Predictor predictor, String model, List<Map<String, Object>> records) {
        this.predictor = predictor;
        this.model = model;
        this.records = records;
    }

    HttpLoad.Result run(int threads, double warmupSeconds, double seconds) throws InterruptedException {
        long measureFrom = System.nanoTime() + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        AtomicLong calls = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        String[] firstError = new String[1];
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    try {
                        predictor.predict(model, null, records, false);
                        long done = System.nanoTime();
                        if (started >= measureFrom && done <= end) {
                            calls.incrementAndGet();
                            mine.add(done - started);
                        }
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = e.toString();
                            }
                        }
                    }
                }
            }, "predict-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return new HttpLoad.Result(threads, calls.get(), errors.get(), seconds, Latencies.merge(latencies), firstError[0]);
    }
}
