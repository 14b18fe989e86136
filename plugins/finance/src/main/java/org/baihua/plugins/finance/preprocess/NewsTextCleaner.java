package org.baihua.plugins.finance.preprocess;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.Preprocessor;
import org.baihua.sdk.TaskSpec;
import org.pf4j.Extension;

/**
 * Cleans financial news posts before the shared encoder embeds them: links ({@code https://t.co/…})
 * are removed, since they carry no sentiment and cost encoder tokens; HTML entities left by news
 * feeds ({@code &amp;}, {@code &#39;}) are decoded; control and zero-width characters are dropped
 * and whitespace collapsed. Cashtags ({@code $AAPL}) and numbers stay: they are the content. A post
 * that is only a link keeps its original text rather than becoming empty. Stateless.
 */
@Extension
public final class NewsTextCleaner implements Preprocessor {

    static final String FIELD = "text";
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t\\r]]");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("ndash", "\u2013"), Map.entry("mdash", "\u2014"),
            Map.entry("hellip", "\u2026"), Map.entry("trade", "\u2122"), Map.entry("euro", "\u20ac"),
            Map.entry("pound", "\u00a3"), Map.entry("rsquo", "\u2019"), Map.entry("lsquo", "\u2018"),
            Map.entry("rdquo", "\u201d"), Map.entry("ldquo", "\u201c"));

    @Override
    public boolean appliesTo(String domainId, String taskId) {
        return "finance".equals(domainId) && "news-sentiment".equals(taskId);
    }

    @Override
    public FittedState fit(TaskSpec task, List<DataRecord> training) {
        return FittedState.empty();
    }

    @Override
    public DataRecord transform(DataRecord record, FittedState state) {
        Object value = record.get(FIELD);
        if (!(value instanceof String text)) {
            return record;
        }
        return record.with(FIELD, clean(text));
    }

    static String clean(String text) {
        String decoded = decodeEntities(text);
        String noLinks = URL.matcher(decoded).replaceAll(" ");
        String cleaned = collapse(INVISIBLE.matcher(noLinks).replaceAll(""));
        return cleaned.isEmpty() ? collapse(INVISIBLE.matcher(decoded).replaceAll("")) : cleaned;
    }

    private static String collapse(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static String decodeEntities(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String decode(String name, String original) {
        if (name.startsWith("#")) {
            boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
            int codePoint = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
            return Character.isValidCodePoint(codePoint) && codePoint != 0 ? new String(Character.toChars(codePoint)) : original;
        }
        String decoded = NAMED.get(name);
        return decoded == null ? original : decoded;
    }
}
