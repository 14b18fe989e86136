package org.baihua.core.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.core.features.FieldEncoding;
import org.baihua.core.features.PipelineState;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.TaskSpec;

/** Computes a version's {@link ReferenceProfile} from its training rows, their features and its held-out answers. */
public final class ProfileBuilder {

    /** Categories beyond this many (the most frequent first) share the 'other' slot. */
    static final int MAX_CATEGORIES = 50;
    private static final int QUANTILE_BINS = 10;

    private ProfileBuilder() {}

    /**
     * @param task the task
     * @param state the fitted pipeline (where each text field's embedding sits in a feature vector)
     * @param rows the training rows after preprocessing
     * @param features their feature vectors, in the same order
     * @param rowLabels the label indexes of each training row (one for single-label tasks)
     * @param labels the labels, in output order
     * @param heldOutDecisions the labels the version decided on each held-out row
     */
    public static ReferenceProfile of(TaskSpec task, PipelineState state, List<DataRecord> rows, float[][] features,
                                      List<int[]> rowLabels, List<String> labels, List<List<String>> heldOutDecisions) {
        if (rows.size() != features.length || rows.size() != rowLabels.size()) {
            throw new IllegalArgumentException(rows.size() + " rows, " + features.length + " feature vectors and "
                    + rowLabels.size() + " label rows: they must match");
        }
        List<ReferenceProfile.NumericInput> numeric = new ArrayList<>();
        List<ReferenceProfile.CategoricalInput> categorical = new ArrayList<>();
        List<ReferenceProfile.TextInput> text = new ArrayList<>();
        for (FieldSpec field : task.inputs()) {
            switch (field.type()) {
                case NUMERIC -> numeric.add(numeric(field.name(), rows));
                case CATEGORICAL -> categorical.add(categorical(field.name(), rows));
                case TEXT -> {
                    FieldEncoding encoding = state.fields().stream().filter(f -> f.name().equals(field.name()) && f.type() == FieldType.TEXT)
                            .findFirst().orElseThrow(() -> new IllegalArgumentException("pipeline has no text field '" + field.name() + "'"));
                    text.add(text(field.name(), encoding, rows, features, rowLabels, labels));
                }
            }
        }
        return new ReferenceProfile(ReferenceProfile.FORMAT, rows.size(), heldOutDecisions.size(), numeric, categorical, text,
                labelHistogram(labels, heldOutDecisions));
    }

    /** Predicted-label shares: one slot per label and a last one for records given none (multilabel). */
    public static ReferenceProfile.Histogram labelHistogram(List<String> labels, List<List<String>> decisions) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        long[] counts = new long[labels.size() + 1];
        for (List<String> decided : decisions) {
            if (decided.isEmpty()) {
                counts[labels.size()]++;
            }
            for (String label : decided) {
                counts[index.getOrDefault(label, labels.size())]++;
            }
        }
        return new ReferenceProfile.Histogram(List.of(), proportions(counts));
    }

    private static ReferenceProfile.NumericInput numeric(String name, List<DataRecord> rows) {
        double[] values = new double[rows.size()];
        int n = 0;
        for (DataRecord row : rows) {
            Double v = number(row, name);
            if (v != null) {
                values[n++] = v;
            }
        }
        double[] present = Arrays.copyOf(values, n);
        return new ReferenceProfile.NumericInput(name, n == 0 ? 0 : Arrays.stream(present).average().orElse(0),
                quantileHistogram(present, rows.size() - n));
    }

    private static ReferenceProfile.CategoricalInput categorical(String name, List<DataRecord> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        long missing = 0;
        for (DataRecord row : rows) {
            String v = row.text(name);
            if (v == null) {
                missing++;
            } else {
                counts.merge(v, 1L, Long::sum);
            }
        }
        List<String> categories = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_CATEGORIES).map(Map.Entry::getKey).toList();
        long[] slots = new long[categories.size() + 2];
        for (int i = 0; i < categories.size(); i++) {
            slots[i] = counts.get(categories.get(i));
        }
        slots[categories.size()] = counts.values().stream().mapToLong(Long::longValue).sum() - Arrays.stream(slots).sum();
        slots[categories.size() + 1] = missing;
        return new ReferenceProfile.CategoricalInput(name, categories, new ReferenceProfile.Histogram(List.of(), proportions(slots)));
    }

    private static ReferenceProfile.TextInput text(String name, FieldEncoding encoding, List<DataRecord> rows, float[][] features,
                                                   List<int[]> rowLabels, List<String> labels) {
        int width = encoding.width();
        int offset = encoding.offset();
        double[] lengths = new double[rows.size()];
        int present = 0;
        float[] centroid = new float[width];
        double[][] classSums = new double[labels.size()][width];
        int[] classRows = new int[labels.size()];
        double[] classLength = new double[labels.size()];
        List<Integer> withText = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            String value = rows.get(r).text(name);
            if (value == null) {
                continue;
            }
            withText.add(r);
            lengths[present++] = value.length();
            for (int d = 0; d < width; d++) {
                centroid[d] += features[r][offset + d];
            }
            for (int k : rowLabels.get(r)) {
                classRows[k]++;
                classLength[k] += value.length();
                for (int d = 0; d < width; d++) {
                    classSums[k][d] += features[r][offset + d];
                }
            }
        }
        for (int d = 0; d < width && present > 0; d++) {
            centroid[d] /= present;
        }
        double spread = present == 0 ? 1 : rms(withText, features, offset, centroid);
        List<ReferenceProfile.ClassCentroid> classes = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            if (classRows[k] == 0) {
                continue;
            }
            float[] c = new float[width];
            for (int d = 0; d < width; d++) {
                c[d] = (float) (classSums[k][d] / classRows[k]);
            }
            int label = k;
            List<Integer> members = withText.stream().filter(r -> contains(rowLabels.get(r), label)).toList();
            double s = rms(members, features, offset, c);
            // a class of identical texts has no spread: floor it at a small share of the overall one
            classes.add(new ReferenceProfile.ClassCentroid(labels.get(k), classRows[k], c, Math.max(s, 1e-3 * Math.max(spread, 1e-6)),
                    classLength[k] / classRows[k]));
        }
        double[] distances = new double[withText.size()];
        for (int i = 0; i < withText.size(); i++) {
            int r = withText.get(i);
            double best = Double.POSITIVE_INFINITY;
            for (ReferenceProfile.ClassCentroid c : classes) {
                double d = Math.sqrt(DriftMath.squaredDistance(features[r], offset, c.centroid())) / c.spread();
                int k = labels.indexOf(c.label());
                if (contains(rowLabels.get(r), k) && c.rows() > 1) {
                    // leave-one-out: the row's distance to its class's centroid without itself, as a new record would
                    // stand (in high dimensions the in-sample distances run visibly short of those of new records)
                    d *= c.rows() / (c.rows() - 1.0);
                }
                best = Math.min(best, d);
            }
            distances[i] = best;
        }
        int missing = rows.size() - present;
        return new ReferenceProfile.TextInput(name, offset, width, quantileHistogram(Arrays.copyOf(lengths, present), missing),
                centroid, spread, classes, quantileHistogram(distances, missing));
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static double rms(List<Integer> members, float[][] features, int offset, float[] centroid) {
        if (members.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (int r : members) {
            sum += DriftMath.squaredDistance(features[r], offset, centroid);
        }
        return Math.sqrt(sum / members.size());
    }

    /** Decile edges of {@code values} (duplicates merged) and the share of each bin, missing values last. */
    static ReferenceProfile.Histogram quantileHistogram(double[] values, long missing) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        List<Double> edges = new ArrayList<>();
        if (sorted.length > 0) {
            for (int q = 1; q < QUANTILE_BINS; q++) {
                double edge = sorted[Math.min(sorted.length - 1, (int) Math.floor(q * (double) sorted.length / QUANTILE_BINS))];
                if (edges.isEmpty() || edge > edges.get(edges.size() - 1)) {
                    edges.add(edge);
                }
            }
        }
        ReferenceProfile.Histogram bins = new ReferenceProfile.Histogram(edges, List.of());
        long[] counts = new long[edges.size() + 2];
        for (double v : sorted) {
            counts[bins.bin(v)]++;
        }
        counts[edges.size() + 1] = missing;
        return new ReferenceProfile.Histogram(edges, proportions(counts));
    }

    static List<Double> proportions(long[] counts) {
        long total = Arrays.stream(counts).sum();
        List<Double> shares = new ArrayList<>(counts.length);
        for (long c : counts) {
            shares.add(total == 0 ? 0.0 : (double) c / total);
        }
        return shares;
    }

    private static Double number(DataRecord row, String name) {
        try {
            Double v = row.number(name);
            return v == null || !Double.isFinite(v) ? null : v;
        } catch (IllegalArgumentException e) {
            return null; // the pipeline refuses such a row before it gets here
        }
    }
}
