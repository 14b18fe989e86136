package org.baihua.plugins.medical.preprocess;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.Preprocessor;
import org.baihua.sdk.TaskSpec;
import org.pf4j.Extension;

/**
 * Prepares clinical text for the shared encoder in the {@code condition} task:
 * <ol>
 *   <li>Unicode NFKC normalisation (full-width letters, digits and spaces become half-width:
 *       {@code ＣＴ １２} is {@code CT 12}), except that full-width punctuation next to Chinese,
 *       Japanese or Korean text stays as it is ({@code 胸痛，发热} keeps its {@code ，}: it is the
 *       script's own punctuation, and the encoders for it were trained with it); control characters
 *       removed;</li>
 *   <li>removal of boilerplate: sentences or lines found in at least half of the training
 *       documents (template headers, disclaimers, signature blocks; a Chinese sentence ends at
 *       {@code 。！？} without a space), fitted on the training split
 *       and kept as hashes, because they carry no class signal and use up the encoder's token
 *       budget (longer texts are cut);</li>
 *   <li>expansion of unambiguous clinical abbreviations ({@link ClinicalAbbreviations});</li>
 *   <li>whitespace collapsed to single spaces.</li>
 * </ol>
 * The text has been de-identified by the redactor before it gets here.
 */
@Extension
public final class ClinicalTextPreprocessor implements Preprocessor {

    static final String TASK = "condition";
    private static final double BOILERPLATE_SHARE = 0.5;
    private static final int BOILERPLATE_MIN_DOCUMENTS = 5;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\p{Cf}]");
    private static final Pattern SEGMENT_END = Pattern.compile("(?<=[.!?])\\s+|(?<=[。！？])\\s*|\\s*\\n\\s*");
    /** Full-width punctuation that is the CJK scripts' own: kept next to CJK text, else made half-width. */
    private static final String CJK_PUNCTUATION = "，：；！？（）";
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final ClinicalAbbreviations abbreviations = new ClinicalAbbreviations();

    @Override
    public boolean appliesTo(String domainId, String taskId) {
        return "medical".equals(domainId) && TASK.equals(taskId);
    }

    @Override
    public FittedState fit(TaskSpec task, List<DataRecord> training) {
        List<String> fields = task.inputs().stream().filter(f -> f.type() == FieldType.TEXT).map(FieldSpec::name).toList();
        Map<String, Integer> documentFrequency = new HashMap<>();
        int documents = 0;
        for (DataRecord record : training) {
            Set<String> seen = new HashSet<>();
            for (String field : fields) {
                String text = record.text(field);
                if (text != null) {
                    for (String segment : segments(normalise(text))) {
                        seen.add(hash(segment));
                    }
                }
            }
            if (!seen.isEmpty()) {
                documents++;
                seen.forEach(h -> documentFrequency.merge(h, 1, Integer::sum));
            }
        }
        int threshold = Math.max(BOILERPLATE_MIN_DOCUMENTS, (int) Math.ceil(BOILERPLATE_SHARE * documents));
        TreeSet<String> boilerplate = new TreeSet<>();
        documentFrequency.forEach((h, count) -> {
            if (count >= threshold) {
                boilerplate.add(h);
            }
        });
        return new FittedState(Map.of("version", 1, "fields", fields, "boilerplate", new ArrayList<>(boilerplate)));
    }

    @Override
    public DataRecord transform(DataRecord record, FittedState state) {
        Set<String> boilerplate = new HashSet<>(strings(state, "boilerplate"));
        DataRecord result = record;
        for (String field : strings(state, "fields")) {
            String text = record.text(field);
            if (text == null) {
                continue;
            }
            String normalised = normalise(text);
            List<String> kept = new ArrayList<>();
            for (String segment : segments(normalised)) {
                if (!boilerplate.contains(hash(segment))) {
                    kept.add(segment);
                }
            }
            // A document made only of boilerplate keeps its text rather than becoming empty.
            String body = kept.isEmpty() ? normalised : join(kept);
            result = result.with(field, SPACES.matcher(abbreviations.expand(body)).replaceAll(" ").strip());
        }
        return result;
    }

    static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (CJK_PUNCTUATION.indexOf(text.charAt(i)) >= 0 && nextToCjk(text, i)) {
                out.append(Normalizer.normalize(text.substring(from, i), Normalizer.Form.NFKC)).append(text.charAt(i));
                from = i + 1;
            }
        }
        out.append(Normalizer.normalize(text.substring(from), Normalizer.Form.NFKC));
        return CONTROL.matcher(out).replaceAll(" ");
    }

    private static boolean nextToCjk(String text, int i) {
        return (i > 0 && cjk(text.codePointBefore(i))) || (i + 1 < text.length() && cjk(text.codePointAt(i + 1)));
    }

    private static boolean cjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || Character.UnicodeBlock.of(codePoint) == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || CJK_PUNCTUATION.indexOf(codePoint) >= 0;
    }

    /** Segments joined by a space, except after a Chinese sentence end, where Chinese puts none. */
    private static String join(List<String> segments) {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            if (!out.isEmpty() && "。！？".indexOf(out.charAt(out.length() - 1)) < 0) {
                out.append(' ');
            }
            out.append(segment);
        }
        return out.toString();
    }

    private static List<String> segments(String text) {
        List<String> segments = new ArrayList<>();
        for (String segment : SEGMENT_END.split(text)) {
            String trimmed = SPACES.matcher(segment).replaceAll(" ").strip();
            if (!trimmed.isEmpty()) {
                segments.add(trimmed);
            }
        }
        return segments;
    }

    /** A segment's identity, case-insensitive; only hashes are stored, so no note text ends up in the model. */
    private static String hash(String segment) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(segment.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static List<String> strings(FittedState state, String key) {
        if (!(state.get(key) instanceof List<?> list)) {
            throw new IllegalArgumentException("condition text preprocessing state has no '" + key + "': was it fitted?");
        }
        return list.stream().map(Object::toString).toList();
    }
}
