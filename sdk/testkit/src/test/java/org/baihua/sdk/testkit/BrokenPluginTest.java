package org.baihua.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.baihua.sdk.testkit.fixture.Broken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule broken on its own: exactly the check for that rule fails, and says why. */
class BrokenPluginTest {

    @TempDir
    Path dir;

    private Map<String, KitRun.Outcome> failuresWith(Class<?>... extra) throws IOException {
        List<Class<?>> extensions = new ArrayList<>(ConformanceKitTest.GOOD);
        extensions.addAll(List.of(extra));
        return KitRun.notPassed(KitRun.run(dir, KitRun.GOOD_DESCRIPTOR, extensions));
    }

    @Test
    void catchesAnUnfilteredAndInvalidDescriptor() throws IOException {
        Map<String, String> descriptor = new HashMap<>(KitRun.GOOD_DESCRIPTOR);
        descriptor.put("plugin.id", "${plugin.id}");
        descriptor.put("plugin.version", "one");
        descriptor.put("plugin.class", "org.baihua.sdk.testkit.fixture.FixtureDomain");

        Map<String, KitRun.Outcome> bad = KitRun.notPassed(KitRun.run(dir, descriptor, ConformanceKitTest.GOOD));

        assertThat(bad).containsOnlyKeys("plugin.properties > has every placeholder filtered", "plugin.properties > plugin.id is a valid id",
                "plugin.properties > plugin.version is a semantic version", "plugin.properties > plugin.class loads and extends org.pf4j.Plugin");
        assertThat(bad.get("plugin.properties > has every placeholder filtered").message()).contains("plugin.id = '${plugin.id}'");
        assertThat(bad.get("plugin.properties > plugin.version is a semantic version").message()).contains("'one'");
    }

    @Test
    void catchesAnAdapterThatThrowsOnABadLine() throws IOException {
        Map<String, KitRun.Outcome> bad = failuresWith(Broken.ThrowingAdapter.class);

        assertThat(bad).containsOnlyKeys(
                "adapter 'throwing' (ThrowingAdapter) > refuses or rejects random bytes, throwing nothing else",
                "adapter 'throwing' (ThrowingAdapter) > accounts for every line of a garbage text file");
        assertThat(bad.values()).allSatisfy(o -> assertThat(o.message()).contains("NullPointerException", "RecordSink.reject"));
    }

    @Test
    void catchesAnAdapterThatDropsLines() throws IOException {
        Map<String, KitRun.Outcome> bad = failuresWith(Broken.DroppingAdapter.class);

        assertThat(bad).containsOnlyKeys(
                "adapter 'dropping' (DroppingAdapter) > refuses or rejects random bytes, throwing nothing else",
                "adapter 'dropping' (DroppingAdapter) > accounts for every line of a garbage text file");
        assertThat(bad.get("adapter 'dropping' (DroppingAdapter) > accounts for every line of a garbage text file").message())
                .contains("lines [2, 3, 4", "neither accepted nor rejected");
    }

    @Test
    void catchesAnAdapterThatClosesTheStream() throws IOException {
        Map<String, KitRun.Outcome> bad = failuresWith(Broken.ClosingAdapter.class);

        assertThat(bad).containsKey("adapter 'closing' (ClosingAdapter) > accounts for every line of a garbage text file");
        assertThat(bad.values()).allSatisfy(o -> assertThat(o.message()).contains("closed the input stream"));
    }

    @Test
    void catchesANondeterministicFit() throws IOException {
        Map<String, KitRun.Outcome> bad = failuresWith(Broken.NondeterministicPreprocessor.class);

        assertThat(bad).containsOnlyKeys("preprocessor NondeterministicPreprocessor > on the sample of fixture/topic > fits the same state twice");
        assertThat(bad.values().iterator().next().message()).containsPattern("different states at fit: \\d+ vs \\d+");
    }

    @Test
    void catchesStateThatIsNotJson() throws IOException {
        Map<String, KitRun.Outcome> bad = failuresWith(Broken.InstantStatePreprocessor.class);

        // FittedState's constructor refuses the value, so fit() itself fails and so does every check that needs the chain.
        assertThat(bad).containsKeys("preprocessor InstantStatePreprocessor > on the sample of fixture/topic > keeps its fitted state through JSON",
                "preprocessor InstantStatePreprocessor > on the sample of fixture/topic > fits the same state twice");
        assertThat(bad.values()).allSatisfy(o -> assertThat(o.message()).contains("state 'since' holds a java.time.Instant"));
    }

    @Test
    void catchesStateReadWithTheWrongNumberType() throws IOException {
        Map<String, KitRun.Outcome> bad = failuresWith(Broken.LongCastingPreprocessor.class);

        assertThat(bad).containsOnlyKeys("preprocessor LongCastingPreprocessor > on the sample of fixture/topic > keeps its fitted state through JSON");
        assertThat(bad.values().iterator().next().message()).contains("ClassCastException", "Number.doubleValue()");
    }

    @Test
    void catchesARedactorThatChangesTheLabel() throws IOException {
        Map<String, KitRun.Outcome> bad = failuresWith(Broken.LabelEatingRedactor.class);

        assertThat(bad).containsKey("redactor LabelEatingRedactor > redacts the sample of fixture/topic deterministically and keeps the label");
        assertThat(bad.get("redactor LabelEatingRedactor > redacts the sample of fixture/topic deterministically and keeps the label").message())
                .contains("changed the label of line");
    }

    @Test
    void catchesAnExtensionTheHostCannotCreate() throws IOException {
        Map<String, KitRun.Outcome> bad = failuresWith(Broken.TwoConstructorsHeads.class);

        assertThat(bad).containsOnlyKeys("extensions.idx > Broken$TwoConstructorsHeads loads, implements an SDK extension point and is created");
        assertThat(bad.values().iterator().next().message()).contains("exactly one public constructor, has 2");
    }

    @Test
    void catchesASampleWithOneLabel() throws IOException {
        Map<String, KitRun.Outcome> bad = failuresWith(Broken.OneLabelSamples.class);

        assertThat(bad).containsOnlyKeys("samples of OneLabelSamples > sample 'one-label' for fixture/topic > yields at least 2 labels and 20 usable rows");
        assertThat(bad.values().iterator().next().message()).contains("yields labels {email=30}", "at least 2");
    }

    @Test
    void refusesASampleWhoseColumnsOptionNamesAColumnTwiceAsTheHostDoes() throws IOException {
        Map<String, KitRun.Outcome> bad = failuresWith(Broken.DuplicateColumnsSamples.class);

        assertThat(bad).hasEntrySatisfying("samples of DuplicateColumnsSamples > sample 'twice' for fixture/topic > yields at least 2 labels and 20 usable rows",
                o -> assertThat(o.message()).contains("option columns must name each column once: 'message,message'"));
    }

    @Test
    void catchesTasksWhosePartsDoNotFit() throws IOException {
        Map<String, KitRun.Outcome> bad = failuresWith(Broken.MismatchedDomain.class);
        String domain = "domain 'mismatched' (MismatchedDomain) > ";

        assertThat(bad).containsOnlyKeys(domain + "offers valid tasks with unique ids");
        assertThat(bad.get(domain + "offers valid tasks with unique ids").message())
                .contains("multiclass task 'two-class' has 2 labels", "uses F1, the positive class's F1");
    }

    @Test
    void catchesUndescribedTasksAndFields() throws IOException {
        Map<String, KitRun.Outcome> bad = failuresWith(Broken.UndescribedDomain.class);

        assertThat(bad).containsOnlyKeys("domain 'undescribed' (UndescribedDomain) > task 'bare' (binary) > task and fields are described");
        assertThat(bad.values().iterator().next().message()).contains("task 'bare' has no description", "field 'x' (numeric) has no description");
    }
}
