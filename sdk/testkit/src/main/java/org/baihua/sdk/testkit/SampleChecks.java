package org.baihua.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.SampleData;
import org.baihua.sdk.SampleData.Sample;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.DynamicNode;

/**
 * Checks of each sample: it opens, serves a task of the plugin in a format that can be read, maps
 * only task fields, and yields enough labelled rows to train on once read the way the host reads it.
 */
final class SampleChecks {

    /** Fewest usable rows a sample must yield: a validation split of a smaller set says nothing. */
    static final int MIN_ROWS = 20;

    private SampleChecks() {}

    static List<DynamicNode> containers(PluginUnderTest plugin, Samples samples) {
        List<DynamicNode> containers = new ArrayList<>();
        for (SampleData data : plugin.extensions(SampleData.class)) {
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(dynamicTest("lists samples with unique names", () -> {
                List<Sample> listed = data.samples();
                Verify.that(listed != null && !listed.isEmpty(), "samples() lists no sample");
                Set<String> names = new HashSet<>();
                listed.forEach(s -> Verify.that(names.add(s.name()), () -> "sample '" + s.name() + "' is listed twice"));
            }));
            tests.add(dynamicTest("refuses to open a sample it does not ship", () -> assertThrows(IllegalArgumentException.class,
                    () -> data.open("no-such-sample-of-the-kit").close(),
                    "open(unknown name) must throw IllegalArgumentException naming the samples it ships")));
            List<Sample> listed;
            try {
                listed = data.samples() == null ? List.of() : data.samples();
            } catch (RuntimeException e) {
                listed = List.of(); // reported by "lists samples"
            }
            for (Sample sample : listed) {
                tests.add(dynamicContainer("sample '" + sample.name() + "' for " + sample.domainId() + "/" + sample.taskId(),
                        sampleTests(plugin, samples, new Samples.Shipped(data, sample))));
            }
            containers.add(dynamicContainer("samples of " + data.getClass().getSimpleName(), tests));
        }
        return containers;
    }

    private static List<DynamicNode> sampleTests(PluginUnderTest plugin, Samples samples, Samples.Shipped shipped) {
        Sample sample = shipped.sample();
        return List.of(
                dynamicTest("opens and is not empty", () -> {
                    try (InputStream in = shipped.owner().open(sample.name())) {
                        Verify.that(in != null, "open('" + sample.name() + "') returned null");
                        Verify.that(in.read() >= 0, "sample '" + sample.name() + "' is empty");
                    }
                }),
                dynamicTest("serves a task of this plugin", () -> Verify.that(plugin.task(sample.domainId(), sample.taskId()).isPresent(),
                        () -> "names task " + sample.domainId() + "/" + sample.taskId() + "; this plugin offers " + plugin.tasks())),
                dynamicTest("is in a format this plugin or the host reads", () -> Verify.that(samples.adapter(sample.format()).isPresent(),
                        () -> "format '" + sample.format() + "' is read neither by an adapter of this plugin nor by the host (csv, jsonl)")),
                dynamicTest("maps only task fields and labels", () -> {
                    TaskSpec task = plugin.task(sample.domainId(), sample.taskId()).orElseThrow(() -> new AssertionError("no such task"));
                    DomainChecks.assertNone(mappingProblems(sample, task));
                }),
                dynamicTest("yields at least 2 labels and " + MIN_ROWS + " usable rows", () -> checkTrainable(samples, shipped)));
    }

    static List<String> mappingProblems(Sample sample, TaskSpec task) {
        List<String> problems = new ArrayList<>();
        sample.mapping().forEach((field, column) -> {
            if (!field.equals(DataRecord.LABEL) && task.input(field) == null) {
                problems.add("mapping names '" + field + "', which is not a field of task '" + task.id() + "'; its fields: "
                        + task.inputs().stream().map(FieldSpec::name).toList() + " and label");
            }
            if (column == null || column.isBlank()) {
                problems.add("mapping gives field '" + field + "' a blank column");
            }
        });
        if (!task.labelsFromData()) {
            sample.labelValues().forEach((value, label) -> {
                if (!task.labels().contains(label)) {
                    problems.add("labelValues maps '" + value + "' to '" + label + "', which is not one of the labels " + task.labels());
                }
            });
        }
        return problems;
    }

    private static void checkTrainable(Samples samples, Samples.Shipped shipped) {
        Samples.Read read = samples.read(shipped);
        PreprocessChain chain = samples.preprocessed(read);
        Map<String, Long> labels = new TreeMap<>();
        for (DataRecord record : chain.output()) {
            Object label = record.get(DataRecord.LABEL);
            if (label == null) {
                fail("a preprocessor removed the label of line " + record.line() + "; keep the 'label' field");
            }
            (label instanceof List<?> list ? list : List.of(label)).forEach(l -> labels.merge(l.toString(), 1L, Long::sum));
        }
        String why = "; rejected " + read.rejected().size() + (read.rejected().isEmpty() ? "" : ", first: line "
                + read.rejected().get(0).line() + ": " + read.rejected().get(0).reason())
                + (chain.refused().isEmpty() ? "" : "; refused by preprocessing " + chain.refused().size() + ", first: line "
                + chain.refused().get(0).line() + ": " + chain.refused().get(0).reason());
        // Of a large sample the kit processes an even spread, so compare the usable share against the whole.
        long usable = Math.round((double) chain.output().size() * read.shapedCount() / Math.max(1, read.shaped().size()));
        Verify.that(usable >= MIN_ROWS, () -> "sample '" + shipped.sample().name() + "' yields about "
                + usable + " usable rows, fewer than " + MIN_ROWS + why);
        Verify.that(labels.size() >= 2, () -> "sample '" + shipped.sample().name() + "' yields labels " + labels
                + "; a classifier needs at least 2" + why);
    }
}
