package org.baihua.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.baihua.sdk.testkit.fixture.DigitRedactor;
import org.baihua.sdk.testkit.fixture.FixtureDomain;
import org.baihua.sdk.testkit.fixture.FixtureHeads;
import org.baihua.sdk.testkit.fixture.FixtureSamples;
import org.baihua.sdk.testkit.fixture.LowercasePreprocessor;
import org.baihua.sdk.testkit.fixture.PipeAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit on a conforming fixture plugin: every check runs and passes, and the failure messages name the check. */
class ConformanceKitTest {

    static final List<Class<?>> GOOD = List.of(FixtureDomain.class, PipeAdapter.class, DigitRedactor.class,
            LowercasePreprocessor.class, FixtureHeads.class, FixtureSamples.class);

    @TempDir
    Path dir;

    @Test
    void passesAConformingPlugin() throws IOException {
        Map<String, KitRun.Outcome> outcomes = KitRun.run(dir, KitRun.GOOD_DESCRIPTOR, GOOD);

        assertThat(KitRun.notPassed(outcomes)).isEmpty();
        assertThat(outcomes.keySet()).contains(
                "plugin.properties > plugin.requires accepts host 0.1.0",
                "extensions.idx > FixtureHeads loads, implements an SDK extension point and is created",
                "domain 'fixture' (FixtureDomain) > task 'topic' (multiclass) > task and fields are described",
                "head designer FixtureHeads > designs a valid, repeatable head for fixture/topic on small, large and imbalanced data",
                "adapter 'pipe' (PipeAdapter) > accounts for every line of a garbage text file",
                "samples of FixtureSamples > sample 'topics' for fixture/topic > yields at least 2 labels and 20 usable rows",
                "samples of FixtureSamples > sample 'topics-pipe' for fixture/topic > yields at least 2 labels and 20 usable rows",
                "redactor DigitRedactor > redacts the sample of fixture/topic deterministically and keeps the label",
                "preprocessor LowercasePreprocessor > on the sample of fixture/topic > keeps its fitted state through JSON");
        assertThat(outcomes).hasSizeGreaterThan(25);
    }

    @Test
    void namesTheCheckInTheFailureMessage() throws IOException {
        Map<String, String> descriptor = new HashMap<>(KitRun.GOOD_DESCRIPTOR);
        descriptor.put("plugin.requires", ">=9.0.0");

        Map<String, KitRun.Outcome> bad = KitRun.notPassed(KitRun.run(dir, descriptor, GOOD));

        assertThat(bad).containsOnlyKeys("plugin.properties > plugin.requires accepts host 0.1.0");
        assertThat(bad.values().iterator().next().message())
                .isEqualTo("plugin.properties > plugin.requires accepts host 0.1.0: plugin.requires '>=9.0.0' refuses host 0.1.0:"
                        + " the host would not load the plugin");
    }

    @Test
    void failsEveryCheckThatNeedsTheIndexWhenItIsMissing() {
        Map<String, KitRun.Outcome> bad = KitRun.notPassed(KitRun.run(ConformanceKit.forClasses(dir.resolve("classes")).build()));

        assertThat(bad).containsKeys("plugin.properties > is read from " + dir.resolve("plugin-descriptor").resolve("plugin.properties"),
                "extensions.idx > lists the plugin's extensions", "the plugin contributes a domain");
        assertThat(bad.get("extensions.idx > lists the plugin's extensions").message()).contains("extensions.idx", "@Extension");
    }

    @Test
    void defaultsTheHostVersionToTheKitsSdkVersion() {
        assertThat(ConformanceKit.sdkVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
