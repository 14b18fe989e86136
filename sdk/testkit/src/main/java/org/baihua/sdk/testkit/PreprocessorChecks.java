package org.baihua.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.Preprocessor;
import org.junit.jupiter.api.DynamicNode;

/**
 * Checks of each preprocessor, fitted on the plugin's sample of every task it applies to: fitting
 * and transforming are deterministic, and the fitted state survives the JSON round trip the host
 * stores it through, transforming records exactly as before.
 */
final class PreprocessorChecks {

    /** Records transformed (or redacted) twice per check: enough to meet the usual branches, quick even for slow text cleaning. */
    static final int MAX_RECORDS = 300;

    private PreprocessorChecks() {}

    static List<DynamicNode> containers(PluginUnderTest plugin, Samples samples) {
        List<DynamicNode> containers = new ArrayList<>();
        JsonState json = new JsonState();
        for (Preprocessor preprocessor : plugin.extensions(Preprocessor.class)) {
            List<DynamicNode> tests = new ArrayList<>();
            List<PluginUnderTest.DomainTask> served = plugin.tasks().stream()
                    .filter(t -> preprocessor.appliesTo(t.domainId(), t.task().id())).toList();
            if (served.isEmpty()) {
                tests.add(dynamicTest("applies to a task of this plugin", () -> assumeTrue(false,
                        "applies to none of this plugin's tasks " + plugin.tasks() + "; the kit cannot check it")));
            }
            for (PluginUnderTest.DomainTask task : served) {
                Memo<PreprocessChain.Stage> stage = new Memo<>(() -> stage(samples, preprocessor, task));
                tests.add(dynamicContainer("on the sample of " + task, List.of(
                        dynamicTest("fits the same state twice", () -> {
                            PreprocessChain.Stage s = stage(stage);
                            FittedState again = preprocessor.fit(s.task(), s.input());
                            String difference = JsonState.firstDifference(s.state().values(), again.values(), "");
                            if (difference != null) {
                                fail("fitting twice on the same " + s.input().size() + " records gave different states at " + difference);
                            }
                        }),
                        dynamicTest("transforms every record the same way twice", () -> {
                            PreprocessChain.Stage s = stage(stage);
                            for (DataRecord record : limit(s.input())) {
                                assertEquals(outcome(preprocessor, record, s.state(), ""), outcome(preprocessor, record, s.state(), ""),
                                        () -> "transforming line " + record.line() + " twice gave different results");
                            }
                        }),
                        dynamicTest("keeps its fitted state through JSON", () -> {
                            PreprocessChain.Stage s = stage(stage);
                            FittedState restored = json.roundTrip(s.state());
                            String difference = JsonState.firstDifference(s.state().values(), restored.values(), "");
                            if (difference != null) {
                                fail("the fitted state changed through JSON at " + difference);
                            }
                            for (DataRecord record : limit(s.input())) {
                                assertEquals(outcome(preprocessor, record, s.state(), ""),
                                        outcome(preprocessor, record, restored, " with the state read back from JSON"),
                                        () -> "line " + record.line() + " transforms differently with the state read back from JSON,"
                                                + " as serving would see it; read numbers with Number.doubleValue()");
                            }
                        }))));
            }
            containers.add(dynamicContainer("preprocessor " + preprocessor.getClass().getSimpleName(), tests));
        }
        return containers;
    }

    private static PreprocessChain.Stage stage(Samples samples, Preprocessor preprocessor, PluginUnderTest.DomainTask task) {
        Samples.Read read = samples.forTask(task.domainId(), task.task().id()).orElse(null);
        if (read == null) {
            return null;
        }
        return samples.preprocessed(read).stage(preprocessor);
    }

    private static PreprocessChain.Stage stage(Supplier<PreprocessChain.Stage> stage) {
        PreprocessChain.Stage s = stage.get();
        assumeTrue(s != null, "this plugin ships no readable sample of the task; ship one so the kit can fit the preprocessor");
        return s;
    }

    static List<DataRecord> limit(List<DataRecord> records) {
        return records.size() <= MAX_RECORDS ? records : records.subList(0, MAX_RECORDS);
    }

    /** The transformed record, or the refusal's message: both must repeat. Anything but a refusal fails the check. */
    private static Object outcome(Preprocessor preprocessor, DataRecord record, FittedState state, String how) {
        try {
            return preprocessor.transform(record, state);
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        } catch (RuntimeException e) {
            throw new AssertionError("transforming line " + record.line() + how + " threw " + e
                    + "; refuse an unusable record with an IllegalArgumentException"
                    + (how.isEmpty() ? "" : ", and read state numbers with Number.doubleValue()"), e);
        }
    }
}
