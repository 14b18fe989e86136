package org.baihua.plugins.industrial.preprocess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.Preprocessor;
import org.baihua.sdk.TaskSpec;
import org.pf4j.Extension;

/**
 * Normalises maintenance work orders for the {@code maintenance-log} task: expands the shop-floor
 * abbreviations of the documented dictionary ({@code abbreviations.tsv}: {@code repl} &rarr;
 * replace, {@code hyd} &rarr; hydraulic, {@code eng} &rarr; engine, {@code lk} &rarr; leak, ...) in
 * {@code text} and {@code asset_type}, drops control characters, collapses whitespace, and writes
 * {@code asset_type} in lower case so that "Pump" and "PUMP " are one category.
 *
 * <p>The dictionary is copied into the fitted state at training time and read from there when
 * transforming, so a model version keeps expanding exactly as it did in training even after a
 * plugin update changes the shipped dictionary.
 */
@Extension
public final class WorkOrderNormaliser implements Preprocessor {

    static final String DICTIONARY = "abbreviations";

    @Override
    public boolean appliesTo(String domainId, String taskId) {
        return "industrial".equals(domainId) && "maintenance-log".equals(taskId);
    }

    @Override
    public FittedState fit(TaskSpec task, List<DataRecord> training) {
        return new FittedState(Map.of(DICTIONARY, new LinkedHashMap<>(Abbreviations.shipped())));
    }

    @Override
    public DataRecord transform(DataRecord record, FittedState state) {
        Abbreviations abbreviations = new Abbreviations(dictionary(state));
        DataRecord out = record;
        if (record.get("text") instanceof String text) {
            out = out.with("text", abbreviations.expand(text));
        }
        if (record.get("asset_type") instanceof String assetType) {
            String normalised = abbreviations.expand(assetType).toLowerCase(Locale.ROOT);
            out = out.with("asset_type", normalised.isEmpty() ? null : normalised);
        }
        return out;
    }

    private static Map<String, String> dictionary(FittedState state) {
        if (!(state.get(DICTIONARY) instanceof Map<?, ?> map)) {
            throw new IllegalStateException("the maintenance-log fitted state has no '" + DICTIONARY
                    + "' dictionary: the model was not fitted by this plugin's WorkOrderNormaliser");
        }
        Map<String, String> dictionary = new LinkedHashMap<>();
        map.forEach((k, v) -> dictionary.put(String.valueOf(k), String.valueOf(v)));
        return dictionary;
    }
}
