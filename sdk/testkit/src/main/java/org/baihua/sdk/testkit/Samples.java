package org.baihua.sdk.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.baihua.formats.CsvAdapter;
import org.baihua.formats.FieldMapping;
import org.baihua.formats.JsonlAdapter;
import org.baihua.formats.RecordShaper;
import org.baihua.sdk.DataAdapter;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.Redactor;
import org.baihua.sdk.SampleData;
import org.baihua.sdk.SampleData.Sample;
import org.baihua.sdk.TaskSpec;

/**
 * The plugin's samples read the way the host ingests them: the sample's adapter (the plugin's own,
 * else the host's csv or jsonl, the very classes the host uses), the sample's mapping and label values, then the plugin's redactors
 * for the domain. Each sample is read once and shared by every check that needs it.
 */
final class Samples {

    /**
     * Records per sample that the kit redacts and preprocesses: plenty for the checks, and it keeps
     * the kit quick on large samples and slow text cleaning. Taken evenly over the file, so that a
     * file sorted by label still shows all its labels.
     */
    static final int MAX_CHECKED = 500;

    /** A sample and the extension that ships it. */
    record Shipped(SampleData owner, Sample sample) {}

    /**
     * A sample read for its task.
     *
     * @param shapedCount how many records of the whole sample could be mapped onto the task
     * @param shaped at most {@link #MAX_CHECKED} of those records, spread evenly over the sample, before redaction
     * @param usable {@code shaped} after the domain's redactors: what the host would store
     * @param rejected line and reason of every row that could not be used
     */
    record Read(Sample sample, TaskSpec task, int shapedCount, List<DataRecord> shaped, List<DataRecord> usable,
                List<CollectingSink.Rejection> rejected) {

        /** Label &rarr; number of usable records carrying it. */
        Map<String, Long> labelCounts() {
            Map<String, Long> counts = new TreeMap<>();
            for (DataRecord record : usable) {
                Object label = record.get(DataRecord.LABEL);
                if (label instanceof List<?> labels) {
                    labels.forEach(l -> counts.merge(l.toString(), 1L, Long::sum));
                } else {
                    counts.merge(String.valueOf(label), 1L, Long::sum);
                }
            }
            return counts;
        }
    }

    private final PluginUnderTest plugin;
    private final Memo<List<Shipped>> shipped;
    private final Map<String, Memo<Read>> reads = new LinkedHashMap<>();
    private final Map<String, Memo<PreprocessChain>> chains = new LinkedHashMap<>();

    Samples(PluginUnderTest plugin) {
        this.plugin = plugin;
        this.shipped = new Memo<>(this::list);
    }

    private List<Shipped> list() {
        List<Shipped> all = new ArrayList<>();
        for (SampleData data : plugin.extensions(SampleData.class)) {
            List<Sample> samples = data.samples();
            if (samples == null) {
                throw new IllegalStateException(data.getClass().getName() + ".samples() returned null");
            }
            samples.forEach(sample -> all.add(new Shipped(data, sample)));
        }
        return all;
    }

    /** Every sample the plugin ships; throws when a SampleData cannot list its samples. */
    List<Shipped> all() {
        return shipped.get();
    }

    /** The adapter the host would read {@code format} with for this plugin: the plugin's own first, then csv and jsonl. */
    Optional<DataAdapter> adapter(String format) {
        Optional<DataAdapter> own = plugin.adapter(format);
        if (own.isPresent()) {
            return own;
        }
        return switch (format) {
            case "csv" -> Optional.of(new CsvAdapter());
            case "jsonl" -> Optional.of(new JsonlAdapter());
            default -> Optional.empty();
        };
    }

    /** The sample read for its task; throws with the reason when it cannot be read at all. */
    synchronized Read read(Shipped shipped) {
        String key = shipped.owner().getClass().getName() + "/" + shipped.sample().name();
        return reads.computeIfAbsent(key, k -> new Memo<>(() -> load(shipped))).get();
    }

    /** The sample's usable records run through the plugin's preprocessors for its task, in index order. */
    synchronized PreprocessChain preprocessed(Read read) {
        return chains.computeIfAbsent(read.sample().domainId() + "/" + read.sample().name(),
                k -> new Memo<>(() -> PreprocessChain.run(plugin, read))).get();
    }

    /** The first sample of a task that can be read, if the plugin ships one. */
    Optional<Read> forTask(String domainId, String taskId) {
        List<Shipped> all;
        try {
            all = all();
        } catch (RuntimeException e) {
            return Optional.empty(); // reported by the sample checks
        }
        for (Shipped s : all) {
            if (s.sample().domainId().equals(domainId) && s.sample().taskId().equals(taskId)) {
                try {
                    return Optional.of(read(s));
                } catch (RuntimeException | AssertionError e) {
                    // reported by the sample checks; try the next sample of the task
                }
            }
        }
        return Optional.empty();
    }

    private Read load(Shipped shipped) {
        Sample sample = shipped.sample();
        TaskSpec task = plugin.task(sample.domainId(), sample.taskId()).orElseThrow(() -> new IllegalStateException(
                "sample '" + sample.name() + "' names task " + sample.domainId() + "/" + sample.taskId() + ", which this plugin does not offer"));
        DataAdapter adapter = adapter(sample.format()).orElseThrow(() -> new IllegalStateException(
                "sample '" + sample.name() + "' names format '" + sample.format() + "', which neither this plugin nor the host reads"));
        CollectingSink sink = new CollectingSink();
        try (InputStream in = shipped.owner().open(sample.name())) {
            if (in == null) {
                throw new IllegalStateException("open('" + sample.name() + "') returned null");
            }
            adapter.read(in, sample.options(), sink);
        } catch (IOException e) {
            throw new UncheckedIOException("sample '" + sample.name() + "' cannot be read: " + e.getMessage(), e);
        }
        RecordShaper shaper;
        try {
            shaper = new RecordShaper(task, FieldMapping.of(task, sample.mapping(), sample.labelValues()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sample '" + sample.name() + "': " + e.getMessage(), e);
        }
        List<Redactor> redactors = plugin.extensions(Redactor.class).stream().filter(r -> r.appliesTo(sample.domainId())).toList();
        List<DataRecord> shaped = new ArrayList<>();
        List<CollectingSink.Rejection> rejected = new ArrayList<>(sink.rejections());
        for (DataRecord record : sink.records()) {
            RecordShaper.Result result = shaper.shapeLabelled(record);
            if (result.rejection() != null) {
                rejected.add(new CollectingSink.Rejection(record.line(), result.rejection()));
            } else {
                shaped.add(result.record());
            }
        }
        List<DataRecord> checked = spread(shaped);
        List<DataRecord> usable = new ArrayList<>();
        for (DataRecord record : checked) {
            DataRecord clean = record;
            try {
                for (Redactor redactor : redactors) {
                    clean = redactor.redact(clean);
                }
            } catch (RuntimeException e) {
                // The host rejects a row its redactor fails on; the redactor checks report it.
                rejected.add(new CollectingSink.Rejection(record.line(), "redaction failed: " + e));
                continue;
            }
            usable.add(clean);
        }
        return new Read(sample, task, shaped.size(), List.copyOf(checked), List.copyOf(usable), List.copyOf(rejected));
    }

    private static List<DataRecord> spread(List<DataRecord> records) {
        if (records.size() <= MAX_CHECKED) {
            return records;
        }
        List<DataRecord> spread = new ArrayList<>(MAX_CHECKED);
        for (int i = 0; i < MAX_CHECKED; i++) {
            spread.add(records.get((int) ((long) i * records.size() / MAX_CHECKED)));
        }
        return spread;
    }
}
