package org.baihua.sdk.testkit;

import java.util.ArrayList;
import java.util.List;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.Preprocessor;
import org.baihua.sdk.TaskSpec;

/**
 * A sample's records run through every preprocessor of the plugin that applies to the sample's
 * task, in index order, each fitted on what the one before produced, as the host does in training.
 *
 * @param stages one per preprocessor: its input, fitted state and output
 * @param output the records that came out of the last stage
 * @param refused line and reason of every record a transform refused
 */
record PreprocessChain(List<Stage> stages, List<DataRecord> output, List<CollectingSink.Rejection> refused) {

    /** One preprocessor's step. */
    record Stage(Preprocessor preprocessor, TaskSpec task, List<DataRecord> input, FittedState state, List<DataRecord> output) {}

    static PreprocessChain run(PluginUnderTest plugin, Samples.Read read) {
        List<Stage> stages = new ArrayList<>();
        List<CollectingSink.Rejection> refused = new ArrayList<>();
        List<DataRecord> records = read.usable();
        String domainId = read.sample().domainId();
        for (Preprocessor preprocessor : plugin.extensions(Preprocessor.class)) {
            if (!preprocessor.appliesTo(domainId, read.task().id())) {
                continue;
            }
            FittedState state = preprocessor.fit(read.task(), records);
            if (state == null) {
                throw new AssertionError(preprocessor.getClass().getName() + ".fit returned null; return FittedState.empty() when it learns nothing");
            }
            List<DataRecord> output = new ArrayList<>();
            for (DataRecord record : records) {
                try {
                    output.add(preprocessor.transform(record, state));
                } catch (IllegalArgumentException e) {
                    refused.add(new CollectingSink.Rejection(record.line(), preprocessor.getClass().getSimpleName() + ": " + e.getMessage()));
                }
            }
            stages.add(new Stage(preprocessor, read.task(), records, state, List.copyOf(output)));
            records = List.copyOf(output);
        }
        return new PreprocessChain(List.copyOf(stages), records, List.copyOf(refused));
    }

    /** The stage of one preprocessor, or null when it does not apply. */
    Stage stage(Preprocessor preprocessor) {
        return stages.stream().filter(s -> s.preprocessor() == preprocessor).findFirst().orElse(null);
    }
}
