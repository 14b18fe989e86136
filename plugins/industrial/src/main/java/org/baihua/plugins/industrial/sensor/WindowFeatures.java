package org.baihua.plugins.industrial.sensor;

import java.util.List;
import java.util.Map;

/**
 * Summary features of one signal's readings in one window: mean, standard deviation (population),
 * min, max, least-squares slope per second (when the readings span more than one instant) and the
 * last value; written as {@code <signal>_<feature>}.
 */
final class WindowFeatures {

    static final List<String> NAMES = List.of("mean", "std", "min", "max", "slope", "last");

    private WindowFeatures() {}

    /** Adds the features of {@code readings} (sorted by time, then line; not empty) to {@code out}. */
    static void summarise(String signal, List<Reading> readings, Map<String, Object> out) {
        int n = readings.size();
        double t0 = readings.get(0).time().toEpochMilli() / 1000.0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sumT = 0;
        for (Reading r : readings) {
            sum += r.value();
            min = Math.min(min, r.value());
            max = Math.max(max, r.value());
            sumT += r.time().toEpochMilli() / 1000.0 - t0;
        }
        double mean = sum / n;
        double meanT = sumT / n;
        double squares = 0;
        double covariance = 0;
        double spreadT = 0;
        for (Reading r : readings) {
            double dv = r.value() - mean;
            double dt = r.time().toEpochMilli() / 1000.0 - t0 - meanT;
            squares += dv * dv;
            covariance += dt * dv;
            spreadT += dt * dt;
        }
        out.put(signal + "_mean", mean);
        out.put(signal + "_std", Math.sqrt(squares / n));
        out.put(signal + "_min", min);
        out.put(signal + "_max", max);
        if (spreadT > 0) {
            out.put(signal + "_slope", covariance / spreadT);
        }
        out.put(signal + "_last", readings.get(n - 1).value());
    }
}
