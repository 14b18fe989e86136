package org.baihua.core.training.data;

import java.util.List;
import java.util.Objects;
import org.baihua.sdk.TaskKind;

/**
 * The labels of a set of examples, as indexes into a label list: one class per row (binary,
 * multiclass) or a set of labels per row (multilabel).
 *
 * @param kind the task kind
 * @param labels the label names, in output order
 * @param classes one class index per row (single-label kinds), else null
 * @param sets one membership row of {@code labels.size()} flags per row (multilabel), else null
 */
public record Targets(TaskKind kind, List<String> labels, int[] classes, boolean[][] sets) {

    public Targets {
        Objects.requireNonNull(kind, "kind is null");
        labels = List.copyOf(Objects.requireNonNull(labels, "labels is null"));
        if (kind == TaskKind.MULTILABEL) {
            Objects.requireNonNull(sets, "multilabel targets need label sets");
            for (int r = 0; r < sets.length; r++) {
                if (sets[r].length != labels.size()) {
                    throw new IllegalArgumentException("row " + r + " has " + sets[r].length + " label flags, expected "
                            + labels.size());
                }
            }
            classes = null;
        } else {
            Objects.requireNonNull(classes, kind + " targets need class indexes");
            for (int r = 0; r < classes.length; r++) {
                if (classes[r] < 0 || classes[r] >= labels.size()) {
                    throw new IllegalArgumentException("row " + r + " has class index " + classes[r] + ", labels are "
                            + labels);
                }
            }
            sets = null;
        }
    }

    /** Single-label targets. */
    public static Targets single(TaskKind kind, List<String> labels, int[] classes) {
        return new Targets(kind, labels, classes, null);
    }

    /** Multilabel targets. */
    public static Targets multi(List<String> labels, boolean[][] sets) {
        return new Targets(TaskKind.MULTILABEL, labels, null, sets);
    }

    /** Whether each row has exactly one label. */
    public boolean singleLabel() {
        return classes != null;
    }

    /** Number of rows. */
    public int rows() {
        return singleLabel() ? classes.length : sets.length;
    }

    /** Number of labels (outputs of the head). */
    public int width() {
        return labels.size();
    }

    /** Whether row {@code r} carries label {@code j}. */
    public boolean has(int r, int j) {
        return singleLabel() ? classes[r] == j : sets[r][j];
    }

    /** Rows carrying each label. */
    public long[] counts() {
        long[] counts = new long[width()];
        for (int r = 0; r < rows(); r++) {
            for (int j = 0; j < width(); j++) {
                if (has(r, j)) {
                    counts[j]++;
                }
            }
        }
        return counts;
    }

    /** Writes row {@code r} as a one-hot / multi-hot vector into {@code out} at {@code offset}. */
    public void write(int r, float[] out, int offset) {
        for (int j = 0; j < width(); j++) {
            out[offset + j] = has(r, j) ? 1f : 0f;
        }
    }

    /** The targets of the given rows, in that order. */
    public Targets subset(int[] rows) {
        if (singleLabel()) {
            int[] picked = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                picked[i] = classes[rows[i]];
            }
            return new Targets(kind, labels, picked, null);
        }
        boolean[][] picked = new boolean[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = sets[rows[i]];
        }
        return new Targets(kind, labels, null, picked);
    }
}
