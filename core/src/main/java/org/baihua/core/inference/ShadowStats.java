package org.baihua.core.inference;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** What a shadow version did beside production: agreement, probability differences, latency, failures. Thread-safe. */
final class ShadowStats {

    /**
     * The summary served at {@code GET /api/v1/models/{name}/shadow}.
     *
     * @param version the shadow version
     * @param requests requests run in the shadow
     * @param records records compared
     * @param agreement share of records where the shadow decided the same label(s) as the answer, or null before any
     * @param meanAbsProbabilityDifference mean over records and labels of |p(shadow) - p(answer)|, or null
     * @param maxAbsProbabilityDifference the largest such difference, or null
     * @param meanLatencyMillis the shadow's mean latency per request, or null
     * @param maxLatencyMillis its largest latency
     * @param failures shadow requests that failed (the answers were not affected)
     * @param dropped requests not shadowed because the shadow queue was full
     */
    record Summary(int version, long requests, long records, Double agreement, Double meanAbsProbabilityDifference,
                   Double maxAbsProbabilityDifference, Double meanLatencyMillis, double maxLatencyMillis, long failures, long dropped) {}

    final int version;
    private final LongAdder requests = new LongAdder();
    private final LongAdder records = new LongAdder();
    private final LongAdder agreed = new LongAdder();
    private final LongAdder compared = new LongAdder();
    private final DoubleAdder absDifference = new DoubleAdder();
    private final DoubleAdder latencyMillis = new DoubleAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private double maxDifference;
    private double maxLatency;

    ShadowStats(int version) {
        this.version = version;
    }

    void compare(PredictionResult answer, PredictionResult shadow, double millis) {
        requests.increment();
        latencyMillis.add(millis);
        for (int i = 0; i < answer.predictions().size(); i++) {
            Prediction a = answer.predictions().get(i);
            Prediction s = shadow.predictions().get(i);
            records.increment();
            boolean same = a.label() != null ? a.label().equals(s.label())
                    : a.labels() != null && s.labels() != null && new java.util.HashSet<>(a.labels()).equals(new java.util.HashSet<>(s.labels()));
            if (same) {
                agreed.increment();
            }
            for (var p : a.probabilities().entrySet()) {
                Double other = s.probabilities().get(p.getKey());
                if (other != null) {
                    double d = Math.abs(other - p.getValue());
                    absDifference.add(d);
                    compared.increment();
                    synchronized (this) {
                        maxDifference = Math.max(maxDifference, d);
                    }
                }
            }
        }
        synchronized (this) {
            maxLatency = Math.max(maxLatency, millis);
        }
    }

    void failed() {
        failures.increment();
    }

    void dropped() {
        dropped.increment();
    }

    /** Share of agreeing records, or NaN before any (for the gauge). */
    double agreement() {
        long n = records.sum();
        return n == 0 ? Double.NaN : (double) agreed.sum() / n;
    }

    synchronized Summary summary() {
        long n = records.sum();
        long c = compared.sum();
        long r = requests.sum();
        return new Summary(version, r, n, n == 0 ? null : (double) agreed.sum() / n, c == 0 ? null : absDifference.sum() / c,
                c == 0 ? null : maxDifference, r == 0 ? null : latencyMillis.sum() / r, maxLatency, failures.sum(), dropped.sum());
    }
}
