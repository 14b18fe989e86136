package org.baihua.core.drift;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToDoubleFunction;
import org.baihua.core.config.ConfigException;
import org.baihua.core.config.ConfigKey;
import org.baihua.core.config.Settings;
import org.baihua.sdk.DataRecord;

/**
 * Drift monitoring: samples the records each model version serves into a bounded window per version
 * (in memory, on this host), and compares the window with the version's {@link ReferenceProfile}:
 * PSI per input, embedding shift per text input, PSI of the decided labels, a status per input and
 * overall, and the same figures as Prometheus gauges. A window goes when its version is archived or deleted.
 */
public final class DriftMonitor {

    /** Share of predicted records sampled into the window (0 turns sampling off). */
    public static final ConfigKey<Double> SAMPLE_RATE = ConfigKey.decimal("drift.sample-rate", 0.1, 0, 1);
    /** Samples a version's window keeps. */
    public static final ConfigKey<Integer> WINDOW = ConfigKey.integer("drift.window", 1000, 10, 100_000);
    /** Samples needed before a status is given. */
    public static final ConfigKey<Integer> MIN_SAMPLES = ConfigKey.integer("drift.min-samples", 200, 1, 100_000);
    /** PSI from which an input is {@code warn}. */
    public static final ConfigKey<Double> WARN_PSI = ConfigKey.decimal("drift.warn-psi", 0.1, 0, 100);
    /** PSI from which an input is {@code alert}. */
    public static final ConfigKey<Double> ALERT_PSI = ConfigKey.decimal("drift.alert-psi", 0.25, 0, 100);
    /** The keys of drift monitoring. */
    public static final List<ConfigKey<?>> KEYS = List.of(SAMPLE_RATE, WINDOW, MIN_SAMPLES, WARN_PSI, ALERT_PSI);

    /** Gauges read at most this often recompute the report. */
    private static final long GAUGE_REFRESH_NANOS = 2_000_000_000L;

    private final MeterRegistry meters;
    private final double sampleRate;
    private final int window;
    private final int minSamples;
    private final DriftReport.Thresholds thresholds;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();

    @Inject
    public DriftMonitor(Settings settings, MeterRegistry meters) {
        this.meters = requireNonNull(meters, "meters is null");
        this.sampleRate = settings.get(SAMPLE_RATE);
        this.window = settings.get(WINDOW);
        this.minSamples = settings.get(MIN_SAMPLES);
        if (minSamples > window) {
            throw new ConfigException(MIN_SAMPLES.name(), "config key '" + MIN_SAMPLES.name() + "' (" + minSamples
                    + ") must not exceed '" + WINDOW.name() + "' (" + window + "): the window could never hold enough samples");
        }
        this.thresholds = new DriftReport.Thresholds(settings.get(WARN_PSI), settings.get(ALERT_PSI));
        if (thresholds.warnPsi() > thresholds.alertPsi()) {
            throw new ConfigException(WARN_PSI.name(), "config key '" + WARN_PSI.name() + "' (" + thresholds.warnPsi()
                    + ") must not exceed '" + ALERT_PSI.name() + "' (" + thresholds.alertPsi() + ")");
        }
    }

    /** Whether any record is sampled (the predictor skips the call otherwise). */
    public boolean sampling() {
        return sampleRate > 0;
    }

    /**
     * Samples served records into the version's window, each with probability {@code drift.sample-rate}.
     *
     * @param profile the version's profile; nothing is sampled without one
     * @param labels the version's labels, in output order
     * @param prepared the records after redaction and preprocessing
     * @param features their feature vectors
     * @param decided the labels decided for each record
     */
    public void observe(String model, int version, ReferenceProfile profile, List<String> labels, List<DataRecord> prepared,
                        float[][] features, List<List<String>> decided) {
        if (profile == null || sampleRate <= 0) {
            return;
        }
        Tracked t = null;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int r = 0; r < prepared.size(); r++) {
            if (sampleRate < 1 && random.nextDouble() >= sampleRate) {
                continue;
            }
            if (t == null) {
                t = tracked.computeIfAbsent(key(model, version), k -> track(model, version, profile, labels));
            }
            t.window.add(sample(t, prepared.get(r), features[r], decided.get(r)));
        }
    }

    /**
     * The drift of a version now.
     *
     * @param profile its profile, or null when it has none
     * @param labels its labels, in output order
     */
    public DriftReport report(String model, int version, ReferenceProfile profile, List<String> labels) {
        if (profile == null) {
            return new DriftReport(model, version, "no-profile", "version " + version + " was trained before drift profiles existed:"
                    + " it has no reference to compare with; retrain it to get one", 0, 0, window, minSamples, sampleRate, thresholds,
                    List.of(), null);
        }
        Tracked t = tracked.get(key(model, version));
        List<DriftWindow.Sample> samples = t == null ? List.of() : t.window.snapshot();
        return compute(model, version, profile, labels, samples, t == null ? 0 : t.window.seen());
    }

    /** Drops a version's window and gauges (the predictor calls it when the version is archived or deleted). */
    public void forget(String model, int version) {
        Tracked gone = tracked.remove(key(model, version));
        if (gone != null) {
            gone.gauges.forEach(meters::remove);
        }
    }

    private DriftWindow.Sample sample(Tracked t, DataRecord record, float[] features, List<String> decided) {
        ReferenceProfile p = t.profile;
        double[] numeric = new double[p.numeric().size()];
        for (int i = 0; i < numeric.length; i++) {
            Double v;
            try {
                v = record.number(p.numeric().get(i).field());
            } catch (IllegalArgumentException e) {
                v = null;
            }
            numeric[i] = v == null || !Double.isFinite(v) ? Double.NaN : v;
        }
        int[] categorical = new int[p.categorical().size()];
        for (int i = 0; i < categorical.length; i++) {
            ReferenceProfile.CategoricalInput input = p.categorical().get(i);
            String v = record.text(input.field());
            categorical[i] = v == null ? input.categories().size() + 1 : t.categorySlots.get(i).getOrDefault(v, input.categories().size());
        }
        int[] lengths = new int[p.text().size()];
        float[][] embeddings = new float[p.text().size()][];
        for (int i = 0; i < lengths.length; i++) {
            ReferenceProfile.TextInput input = p.text().get(i);
            String v = record.text(input.field());
            lengths[i] = v == null ? -1 : v.length();
            embeddings[i] = v == null ? null : java.util.Arrays.copyOfRange(features, input.offset(), input.offset() + input.width());
        }
        int[] labelSlots = new int[Math.max(1, decided.size())];
        if (decided.isEmpty()) {
            labelSlots[0] = t.labels.size();
        }
        for (int i = 0; i < decided.size(); i++) {
            labelSlots[i] = t.labelSlots.getOrDefault(decided.get(i), t.labels.size());
        }
        return new DriftWindow.Sample(numeric, categorical, lengths, embeddings, labelSlots);
    }

    private DriftReport compute(String model, int version, ReferenceProfile p, List<String> labels, List<DriftWindow.Sample> samples,
                                long seen) {
        int n = samples.size();
        boolean enough = n >= minSamples;
        List<DriftReport.InputDrift> inputs = new ArrayList<>();
        for (int i = 0; i < p.numeric().size(); i++) {
            ReferenceProfile.NumericInput input = p.numeric().get(i);
            long[] counts = new long[input.values().proportions().size()];
            double sum = 0;
            int present = 0;
            for (DriftWindow.Sample s : samples) {
                double v = s.numeric()[i];
                counts[input.values().bin(Double.isNaN(v) ? null : v)]++;
                if (!Double.isNaN(v)) {
                    sum += v;
                    present++;
                }
            }
            Double psi = n == 0 ? null : DriftMath.psi(input.values().proportions(), counts);
            Double chance = n == 0 ? null : DriftMath.chancePsi(input.values().proportions(), counts, p.rows());
            inputs.add(new DriftReport.InputDrift(input.field(), "numeric", status(psi, chance, enough), psi, chance,
                    present == 0 ? null : sum / present,
                    input.mean(), n == 0 ? null : (double) counts[counts.length - 1] / n, null));
        }
        for (int i = 0; i < p.categorical().size(); i++) {
            ReferenceProfile.CategoricalInput input = p.categorical().get(i);
            long[] counts = new long[input.values().proportions().size()];
            for (DriftWindow.Sample s : samples) {
                counts[s.categorical()[i]]++;
            }
            Double psi = n == 0 ? null : DriftMath.psi(input.values().proportions(), counts);
            Double chance = n == 0 ? null : DriftMath.chancePsi(input.values().proportions(), counts, p.rows());
            inputs.add(new DriftReport.InputDrift(input.field(), "categorical", status(psi, chance, enough), psi, chance, null, null,
                    n == 0 ? null : (double) counts[counts.length - 1] / n, null));
        }
        for (int i = 0; i < p.text().size(); i++) {
            inputs.add(text(p, i, samples, enough));
        }
        long[] labelCounts = new long[labels.size() + 1];
        for (DriftWindow.Sample s : samples) {
            for (int slot : s.labelSlots()) {
                labelCounts[slot]++;
            }
        }
        Double labelPsi = n == 0 ? null : DriftMath.psi(p.labels().proportions(), labelCounts);
        Double labelChance = n == 0 ? null : DriftMath.chancePsi(p.labels().proportions(), labelCounts, p.heldOutRows());
        DriftReport.LabelDrift labelDrift = new DriftReport.LabelDrift(status(labelPsi, labelChance, enough), labelPsi, labelChance,
                shares(labels, p.labels().proportions()), n == 0 ? Map.of() : shares(labels, ProfileBuilder.proportions(labelCounts)));
        String status;
        String detail;
        if (!enough) {
            status = "not-enough-data";
            detail = "the window holds " + n + " samples; a status needs " + minSamples + " (drift.min-samples), sampled at rate "
                    + sampleRate + " (drift.sample-rate)";
        } else {
            int worst = Math.max(rank(labelDrift.status()), inputs.stream().mapToInt(in -> rank(in.status())).max().orElse(0));
            status = worst == 2 ? "alert" : worst == 1 ? "warn" : "ok";
            List<String> moved = new ArrayList<>();
            inputs.stream().filter(in -> rank(in.status()) > 0).forEach(in -> moved.add(in.field() + " " + in.status()));
            if (rank(labelDrift.status()) > 0) {
                moved.add("decided labels " + labelDrift.status());
            }
            detail = moved.isEmpty() ? "every input and the decided labels are within PSI " + thresholds.warnPsi()
                    + " of training (beyond chance)"
                    : "moved: " + String.join(", ", moved);
        }
        return new DriftReport(model, version, status, detail, n, seen, window, minSamples, sampleRate, thresholds, inputs, labelDrift);
    }

    private DriftReport.InputDrift text(ReferenceProfile p, int i, List<DriftWindow.Sample> samples, boolean enough) {
        ReferenceProfile.TextInput input = p.text().get(i);
        int n = samples.size();
        long[] lengthCounts = new long[input.length().proportions().size()];
        long[] distanceCounts = new long[input.distance().proportions().size()];
        double[] mean = new double[input.width()];
        double lengthSum = 0;
        double distanceSum = 0;
        int present = 0;
        for (DriftWindow.Sample s : samples) {
            int length = s.textLengths()[i];
            float[] e = s.embeddings()[i];
            lengthCounts[input.length().bin(length < 0 ? null : (double) length)]++;
            if (e == null) {
                distanceCounts[distanceCounts.length - 1]++;
                continue;
            }
            present++;
            lengthSum += length;
            double d = DriftMath.nearestClassDistance(e, 0, input.width(), input.classes());
            distanceSum += d;
            distanceCounts[input.distance().bin(d)]++;
            for (int k = 0; k < e.length; k++) {
                mean[k] += e[k];
            }
        }
        Double lengthPsi = n == 0 ? null : DriftMath.psi(input.length().proportions(), lengthCounts);
        Double lengthChance = n == 0 ? null : DriftMath.chancePsi(input.length().proportions(), lengthCounts, p.rows());
        Double distancePsi = n == 0 ? null : DriftMath.psi(input.distance().proportions(), distanceCounts);
        Double distanceChance = n == 0 ? null : DriftMath.chancePsi(input.distance().proportions(), distanceCounts, p.rows());
        Double shift = null;
        if (present > 0) {
            float[] centroid = new float[mean.length];
            for (int k = 0; k < mean.length; k++) {
                centroid[k] = (float) (mean[k] / present);
            }
            shift = Math.sqrt(DriftMath.squaredDistance(centroid, 0, input.centroid())) / Math.max(input.spread(), 1e-12);
        }
        String embeddingStatus = status(distancePsi, distanceChance, enough);
        String lengthStatus = status(lengthPsi, lengthChance, enough);
        double referenceLength = input.classes().stream().mapToDouble(c -> c.meanLength() * c.rows()).sum()
                / Math.max(1, input.classes().stream().mapToInt(ReferenceProfile.ClassCentroid::rows).sum());
        return new DriftReport.InputDrift(input.field(), "text", rank(embeddingStatus) > rank(lengthStatus) ? embeddingStatus : lengthStatus,
                lengthPsi, lengthChance, present == 0 ? null : lengthSum / present, referenceLength,
                n == 0 ? null : (double) (n - present) / n,
                new DriftReport.EmbeddingDrift(embeddingStatus, shift, distancePsi, distanceChance, present == 0 ? null : distanceSum / present));
    }

    /** The status of a PSI beyond what chance gives at these sample sizes. */
    private String status(Double psi, Double chance, boolean enough) {
        if (!enough || psi == null) {
            return "not-enough-data";
        }
        double beyond = psi - (chance == null ? 0 : chance);
        return beyond >= thresholds.alertPsi() ? "alert" : beyond >= thresholds.warnPsi() ? "warn" : "ok";
    }

    /** 2 alert, 1 warn, 0 ok, -1 no status. */
    static int rank(String status) {
        return switch (status) {
            case "alert" -> 2;
            case "warn" -> 1;
            case "ok" -> 0;
            default -> -1;
        };
    }

    private static Map<String, Double> shares(List<String> labels, List<Double> proportions) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < proportions.size(); i++) {
            out.put(i < labels.size() ? labels.get(i) : "(none)", proportions.get(i));
        }
        return out;
    }

    private Tracked track(String model, int version, ReferenceProfile profile, List<String> labels) {
        Tracked t = new Tracked(model, version, profile, List.copyOf(labels), new DriftWindow(window));
        Tags tags = Tags.of("model", model, "version", Integer.toString(version));
        t.gauges.add(gauge("baihua.drift.samples", "Samples in the drift window", tags, t, x -> x.window.size()));
        t.gauges.add(gauge("baihua.drift.status", "Drift status: 0 ok, 1 warn, 2 alert; NaN before enough samples", tags, t,
                x -> {
                    int rank = rank(x.report().status());
                    return rank < 0 ? Double.NaN : rank;
                }));
        t.gauges.add(gauge("baihua.drift.label.psi", "PSI of the decided labels against training", tags, t,
                x -> value(x.report().labels().psi())));
        for (String field : inputNames(profile)) {
            Tags input = tags.and("input", field);
            t.gauges.add(gauge("baihua.drift.psi", "PSI of an input against training (text: its length)", input, t,
                    x -> value(x.input(field).psi())));
        }
        for (ReferenceProfile.TextInput text : profile.text()) {
            Tags input = tags.and("input", text.field());
            t.gauges.add(gauge("baihua.drift.embedding.shift", "Distance of the window's mean embedding to training's, in spreads",
                    input, t, x -> value(x.input(text.field()).embedding().centroidShift())));
            t.gauges.add(gauge("baihua.drift.embedding.psi", "PSI of the nearest-class distance of embeddings against training",
                    input, t, x -> value(x.input(text.field()).embedding().distancePsi())));
        }
        return t;
    }

    private static List<String> inputNames(ReferenceProfile p) {
        List<String> names = new ArrayList<>();
        p.numeric().forEach(i -> names.add(i.field()));
        p.categorical().forEach(i -> names.add(i.field()));
        p.text().forEach(i -> names.add(i.field()));
        return names;
    }

    private Gauge gauge(String name, String description, Tags tags, Tracked t, ToDoubleFunction<Tracked> value) {
        return Gauge.builder(name, t, value).description(description).tags(tags).strongReference(false).register(meters);
    }

    private static double value(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static String key(String model, int version) {
        return model + "@" + version;
    }

    /** A version being sampled: its profile, its window, its gauges and the report they read. */
    private final class Tracked {
        final String model;
        final int version;
        final ReferenceProfile profile;
        final List<String> labels;
        final DriftWindow window;
        final List<Map<String, Integer>> categorySlots = new ArrayList<>();
        final Map<String, Integer> labelSlots = new HashMap<>();
        final List<Gauge> gauges = new ArrayList<>();
        private DriftReport cached;
        private long cachedAt;

        Tracked(String model, int version, ReferenceProfile profile, List<String> labels, DriftWindow window) {
            this.model = model;
            this.version = version;
            this.profile = profile;
            this.labels = labels;
            this.window = window;
            for (ReferenceProfile.CategoricalInput input : profile.categorical()) {
                Map<String, Integer> slots = new HashMap<>();
                for (int i = 0; i < input.categories().size(); i++) {
                    slots.put(input.categories().get(i), i);
                }
                categorySlots.add(slots);
            }
            for (int i = 0; i < labels.size(); i++) {
                labelSlots.put(labels.get(i), i);
            }
        }

        /** The report the gauges read, recomputed when older than a couple of seconds. */
        synchronized DriftReport report() {
            long now = System.nanoTime();
            if (cached == null || now - cachedAt > GAUGE_REFRESH_NANOS) {
                cached = compute(model, version, profile, labels, window.snapshot(), window.seen());
                cachedAt = now;
            }
            return cached;
        }

        DriftReport.InputDrift input(String field) {
            return report().inputs().stream().filter(i -> i.field().equals(field)).findFirst().orElseThrow();
        }
    }
}
