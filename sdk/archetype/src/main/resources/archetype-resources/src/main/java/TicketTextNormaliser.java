package ${package};

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.Preprocessor;
import org.baihua.sdk.TaskSpec;
import org.pf4j.Extension;

/**
 * Cleans ticket text with what it learns from the training split: sentences that recur in many
 * tickets ("Sent from my phone.", "Thanks in advance.") say nothing about the category, so they
 * are removed; numbers (order and invoice numbers) become {@code <n>}; whitespace is collapsed.
 * Channels not seen in training become {@code other}, so that serving meets no unknown category.
 *
 * <p>The state is JSON-like (lists of strings) because the host stores it as JSON in the model.
 */
@Extension
public class TicketTextNormaliser implements Preprocessor {

    /** A sentence in at least this share of the training tickets is boilerplate. */
    static final double BOILERPLATE_SHARE = 0.1;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    @Override
    public boolean appliesTo(String domainId, String taskId) {
        return TicketDomain.ID.equals(domainId) && TicketDomain.CATEGORY.equals(taskId);
    }

    @Override
    public FittedState fit(TaskSpec task, List<DataRecord> training) {
        Map<String, Integer> tickets = new HashMap<>();
        Set<String> channels = new HashSet<>();
        for (DataRecord record : training) {
            String text = record.text("text");
            if (text != null) {
                new HashSet<>(sentences(text)).forEach(s -> tickets.merge(s, 1, Integer::sum));
            }
            String channel = record.text("channel");
            if (channel != null) {
                channels.add(channel.strip().toLowerCase(Locale.ROOT));
            }
        }
        int minimum = Math.max(2, (int) Math.ceil(training.size() * BOILERPLATE_SHARE));
        List<String> boilerplate = tickets.entrySet().stream().filter(e -> e.getValue() >= minimum)
                .map(Map.Entry::getKey).sorted().toList();
        return new FittedState(Map.of("boilerplate", boilerplate, "channels", channels.stream().sorted().toList()));
    }

    @Override
    public DataRecord transform(DataRecord record, FittedState state) {
        String text = record.text("text");
        if (text == null) {
            throw new IllegalArgumentException("line " + record.line() + ": field 'text' is missing");
        }
        Set<String> boilerplate = new HashSet<>(strings(state, "boilerplate"));
        List<String> kept = new ArrayList<>();
        for (String sentence : sentences(text)) {
            if (!boilerplate.contains(sentence)) {
                kept.add(NUMBER.matcher(sentence).replaceAll("<n>"));
            }
        }
        DataRecord clean = record.with("text", kept.isEmpty() ? normalise(text) : String.join(" ", kept));
        String channel = record.text("channel");
        if (channel != null) {
            String known = channel.strip().toLowerCase(Locale.ROOT);
            clean = clean.with("channel", strings(state, "channels").contains(known) ? known : "other");
        }
        return clean;
    }

    private static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(normalise(text))) {
            if (!sentence.isBlank()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    private static String normalise(String text) {
        return SPACES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private static List<String> strings(FittedState state, String key) {
        Object value = state.get(key);
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("fitted state has no list '" + key + "'; was it fitted by this preprocessor?");
        }
        return list.stream().map(String::valueOf).toList();
    }
}
