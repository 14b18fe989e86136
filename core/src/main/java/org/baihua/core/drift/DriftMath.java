package org.baihua.core.drift;

import java.util.List;

/** The population stability index and the embedding distances drift is measured with. */
final class DriftMath {

    /**
     * Shares below this are raised to it before the logarithm, so that a bin empty on one side gives a
     * large but finite term (the usual practice for PSI).
     */
    static final double FLOOR = 1e-4;

    private DriftMath() {}

    /**
     * PSI = sum over bins of (w - r) * ln(w / r), with w the window's share and r the reference's.
     * 0 for identical distributions; by convention below 0.1 is stable, 0.1-0.25 a moderate shift and
     * above 0.25 a major one.
     */
    static double psi(List<Double> reference, long[] window) {
        long total = 0;
        for (long c : window) {
            total += c;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int i = 0; i < window.length; i++) {
            double r = Math.max(reference.get(i), FLOOR);
            double w = Math.max((double) window[i] / total, FLOOR);
            psi += (w - r) * Math.log(w / r);
        }
        return psi;
    }

    /**
     * The PSI two samples of {@code window} and {@code reference} records drawn from one distribution
     * show by chance: (k - 1) (1/n + 1/m) for k bins in use (the PSI of close distributions is about
     * their chi-square distance, whose expectation this is). A status compares the PSI beyond it with
     * the thresholds, so a small window or a small training set does not raise alarms on noise.
     */
    static double chancePsi(List<Double> reference, long[] window, long referenceRows) {
        long total = 0;
        int used = 0;
        for (int i = 0; i < window.length; i++) {
            total += window[i];
            if (window[i] > 0 || reference.get(i) > 0) {
                used++;
            }
        }
        if (total == 0 || used < 2) {
            return 0;
        }
        return (used - 1) * (1.0 / total + (referenceRows > 0 ? 1.0 / referenceRows : 0));
    }

    static double squaredDistance(float[] row, int offset, float[] centroid) {
        double sum = 0;
        for (int d = 0; d < centroid.length; d++) {
            double diff = row[offset + d] - centroid[d];
            sum += diff * diff;
        }
        return sum;
    }

    /** Distance from an embedding to the nearest class centroid, in units of that class's spread. */
    static double nearestClassDistance(float[] row, int offset, int width, List<ReferenceProfile.ClassCentroid> classes) {
        double best = Double.POSITIVE_INFINITY;
        for (ReferenceProfile.ClassCentroid c : classes) {
            best = Math.min(best, Math.sqrt(squaredDistance(row, offset, c.centroid())) / c.spread());
        }
        return best;
    }
}
