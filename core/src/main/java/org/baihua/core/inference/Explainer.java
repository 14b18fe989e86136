package org.baihua.core.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.FieldType;

/**
 * Occlusion explanations: how much the winning label's probability drops when one word of a text
 * field, or one other field, is taken away. Every variant goes through the same frozen pipeline and
 * head in one batch, so an explanation says what the served model actually does.
 */
final class Explainer {

    static final int MAX_WORDS = 40;
    static final int TOP_WORDS = 5;

    Prediction.Explanation explain(LoadedVersion v, DataRecord record, float[] probabilities) {
        int winner = 0;
        for (int j = 1; j < probabilities.length; j++) {
            if (probabilities[j] > probabilities[winner]) {
                winner = j;
            }
        }
        List<DataRecord> variants = new ArrayList<>();
        List<String[]> labels = new ArrayList<>(); // {kind, field, word}
        for (FieldSpec field : v.task.inputs()) {
            Object value = record.get(field.name());
            if (value == null) {
                continue;
            }
            if (field.type() == FieldType.TEXT) {
                String[] words = value.toString().trim().split("\\s+");
                for (int i = 0; i < Math.min(words.length, MAX_WORDS); i++) {
                    StringBuilder without = new StringBuilder();
                    for (int k = 0; k < words.length; k++) {
                        if (k != i) {
                            without.append(without.length() == 0 ? "" : " ").append(words[k]);
                        }
                    }
                    variants.add(record.with(field.name(), without.toString()));
                    labels.add(new String[] {"word", field.name(), words[i]});
                }
            } else {
                variants.add(record.without(field.name()));
                labels.add(new String[] {"field", field.name(), null});
            }
        }
        if (variants.isEmpty()) {
            return new Prediction.Explanation(v.bundle.labels().get(winner), List.of(), Map.of());
        }
        float[][] occluded = v.head.probabilities(v.pipeline.transform(variants));
        List<Prediction.WordWeight> words = new ArrayList<>();
        Map<String, Double> fields = new LinkedHashMap<>();
        for (int i = 0; i < variants.size(); i++) {
            double drop = probabilities[winner] - occluded[i][winner];
            String[] what = labels.get(i);
            if (what[0].equals("word")) {
                words.add(new Prediction.WordWeight(what[1], what[2], round(drop)));
            } else {
                fields.put(what[1], round(drop));
            }
        }
        words.sort(Comparator.comparingDouble(Prediction.WordWeight::weight).reversed());
        return new Prediction.Explanation(v.bundle.labels().get(winner), words.subList(0, Math.min(TOP_WORDS, words.size())), fields);
    }

    private static double round(double value) {
        return Math.round(value * 1e5) / 1e5;
    }
}
