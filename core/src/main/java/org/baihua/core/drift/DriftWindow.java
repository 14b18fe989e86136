package org.baihua.core.drift;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent sampled requests of one model version, at most {@code capacity} of them, oldest
 * dropped first. A sample keeps only what drift needs: numeric values, category slots, text lengths
 * and embeddings, the decided labels; never the texts. Thread-safe.
 */
final class DriftWindow {

    /**
     * One sampled record.
     *
     * @param numeric the numeric inputs in profile order, NaN when missing
     * @param categorical the slot of each categorical input in its histogram
     * @param textLengths each text input's length, -1 when missing
     * @param embeddings each text input's embedding, null when missing
     * @param labelSlots the slots of the decided labels in the label histogram
     */
    record Sample(double[] numeric, int[] categorical, int[] textLengths, float[][] embeddings, int[] labelSlots) {}

    private final Sample[] ring;
    private int next;
    private int size;
    private long seen;

    DriftWindow(int capacity) {
        this.ring = new Sample[capacity];
    }

    synchronized void add(Sample sample) {
        ring[next] = sample;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
        seen++;
    }

    /** The samples now in the window, oldest first. */
    synchronized List<Sample> snapshot() {
        List<Sample> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(ring[(next - size + i + ring.length) % ring.length]);
        }
        return out;
    }

    synchronized int size() {
        return size;
    }

    /** Samples taken since the window was created, including those it no longer holds. */
    synchronized long seen() {
        return seen;
    }

    int capacity() {
        return ring.length;
    }
}
