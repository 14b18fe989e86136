package org.baihua.plugins.medical.privacy;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One de-identification rule: a pattern and how a match is rewritten. The rewrite may keep context
 * around the identifier (the title in {@code Dr. [NAME]}, the label in {@code MRN: [ID]}) or return
 * the match unchanged when a closer look shows it is not an identifier.
 *
 * @param kind what the rule removes
 * @param pattern what it looks for
 * @param rewrite the text that replaces one match (taken literally)
 */
public record PhiRule(PhiKind kind, Pattern pattern, Function<MatchResult, String> rewrite) {

    public PhiRule {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(pattern, "pattern is null");
        Objects.requireNonNull(rewrite, "rewrite is null");
    }

    /** A rule that replaces the whole match with the kind's placeholder. */
    public static PhiRule replacing(PhiKind kind, String regex) {
        return new PhiRule(kind, Pattern.compile(regex), m -> kind.placeholder());
    }

    /**
     * A rule that keeps capture group 1 (a label or title) and group 2 (the separator) and replaces
     * the rest of the match with the kind's placeholder.
     */
    public static PhiRule keepingLabel(PhiKind kind, String regex) {
        return new PhiRule(kind, Pattern.compile(regex),
                m -> m.group(1) + (m.group(2) == null ? "" : m.group(2)) + kind.placeholder());
    }

    /** The text with every match rewritten. */
    public String apply(String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.replaceAll(m -> Matcher.quoteReplacement(rewrite.apply(m)));
    }
}
