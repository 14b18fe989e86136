package org.baihua.plugins.finance.preprocess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.Preprocessor;
import org.baihua.sdk.TaskSpec;
import org.pf4j.Extension;

/**
 * Translates the symbolic codes of the Statlog German Credit data ({@code A11}, {@code A43}, ...)
 * into the readable values of {@code german.names}, so that explanations and one-hot slots speak
 * the user's language, and checks that each code belongs to the field it sits in (a shifted
 * column in a headerless file shows up at once instead of training on nonsense). Values that are
 * not codes (a bank's own readable data) pass through trimmed. Stateless.
 */
@Extension
public final class CreditCodebook implements Preprocessor {

    private static final Pattern CODE = Pattern.compile("A\\d{2,3}");
    private final Map<String, String[]> codes;

    /** Loads the codebook shipped with the plugin. */
    public CreditCodebook() {
        this.codes = load();
    }

    @Override
    public boolean appliesTo(String domainId, String taskId) {
        return "finance".equals(domainId) && "credit-risk".equals(taskId);
    }

    @Override
    public FittedState fit(TaskSpec task, List<DataRecord> training) {
        return FittedState.empty();
    }

    @Override
    public DataRecord transform(DataRecord record, FittedState state) {
        DataRecord out = record;
        for (Map.Entry<String, Object> field : record.values().entrySet()) {
            if (!(field.getValue() instanceof String value)) {
                continue;
            }
            String trimmed = value.trim();
            if (!CODE.matcher(trimmed).matches()) {
                if (!trimmed.equals(value)) {
                    out = out.with(field.getKey(), trimmed);
                }
                continue;
            }
            String[] entry = codes.get(trimmed);
            if (entry == null) {
                throw new IllegalArgumentException("line " + record.line() + ": field '" + field.getKey()
                        + "' has code '" + trimmed + "', which the German credit codebook does not define");
            }
            if (!entry[0].equals(field.getKey())) {
                throw new IllegalArgumentException("line " + record.line() + ": field '" + field.getKey()
                        + "' has code '" + trimmed + "', which belongs to field '" + entry[0]
                        + "': are the columns in the order of german.names?");
            }
            out = out.with(field.getKey(), entry[1]);
        }
        return out;
    }

    private static Map<String, String[]> load() {
        Map<String, String[]> codes = new LinkedHashMap<>();
        try (InputStream in = CreditCodebook.class.getResourceAsStream("german-credit-codes.tsv")) {
            if (in == null) {
                throw new IllegalStateException("german-credit-codes.tsv is missing from the finance plugin");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                codes.put(parts[0], new String[] {parts[1], parts[2]});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read german-credit-codes.tsv", e);
        }
        return Map.copyOf(codes);
    }
}
