package org.baihua.plugins.medical.privacy;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Rules for dates (every element but a bare year, which Safe Harbor allows) and for ages over 89.
 * Dates are replaced rather than shifted: a shift needs a per-patient secret that free text does
 * not carry, and a replaced date cannot be shifted back.
 */
final class DateAndAgeRules {

    private static final String MONTH_TITLE = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
            + "|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    /** Title or upper case only: lower-case "may" and "march" are ordinary words. */
    private static final String MONTH = "(?:" + MONTH_TITLE + "|" + MONTH_TITLE.toUpperCase(java.util.Locale.ROOT) + ")\\.?";
    private static final String DAY = "(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?";
    private static final String YEAR = "(?:1[89]\\d{2}|20\\d{2})";
    private static final String TIME = "(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?";
    private static final int OLDEST_KEPT_AGE = 89;

    private DateAndAgeRules() {}

    static List<PhiRule> dateRules() {
        return List.of(
                PhiRule.replacing(PhiKind.DATE, "\\b" + YEAR + "([-/.])(?:0?[1-9]|1[0-2])\\1(?:[12]\\d|3[01]|0?[1-9])"
                        + TIME + "(?!\\w)"),
                PhiRule.replacing(PhiKind.DATE,
                        "\\b(?:[12]\\d|3[01]|0?[1-9])([/-])(?:[12]\\d|3[01]|0?[1-9])\\1(?:" + YEAR + "|\\d{2})\\b"),
                PhiRule.replacing(PhiKind.DATE, "\\b(?:[12]\\d|3[01]|0?[1-9])\\.(?:1[0-2]|0?[1-9])\\." + YEAR + "\\b"),
                PhiRule.replacing(PhiKind.DATE, "\\b" + MONTH + "\\s+" + DAY + "(?:,?\\s+" + YEAR + ")?\\b"),
                PhiRule.replacing(PhiKind.DATE, "\\b" + DAY + "\\s+(?:of\\s+)?" + MONTH + "(?:,?\\s+" + YEAR + ")?\\b"),
                PhiRule.replacing(PhiKind.DATE, "\\b" + MONTH + ",?\\s+(?:" + YEAR + "\\b|'\\d{2}\\b)"),
                PhiRule.replacing(PhiKind.DATE, "\\b(?:0[1-9]|1[0-2])/" + YEAR + "\\b"),
                // A birth year on its own is allowed by Safe Harbor only when it cannot reveal an age over 89;
                // the note cannot tell, so it goes.
                PhiRule.keepingLabel(PhiKind.DATE, "(?i)\\b(DOB|D\\.O\\.B\\.|date\\s+of\\s+birth|birth\\s*date"
                        + "|born(?:\\s+(?:on|in))?)(\\s*[:=]?\\s*)" + YEAR + "\\b"));
    }

    static List<PhiRule> ageRules() {
        return List.of(
                ageRule("(?i)\\b(\\d{2,3})(\\s*-?\\s*(?:years?|yrs?|y)\\s*-?\\s*old)\\b", 1),
                ageRule("(?i)\\b(\\d{2,3})(\\s*(?:yo|y/o|y\\.o\\.)(?![\\w/]))", 1),
                ageRule("(?i)\\b(\\d{2,3})(\\s+years?\\s+of\\s+age)\\b", 1),
                ageRule("(?i)\\b(aged?|age\\s*[:=]|age\\s+of)(\\s*)(\\d{2,3})\\b(?!\\s*(?:%|percent|mg|kg|cm|mm))", 3));
    }

    /** Replaces the age in {@code ageGroup} by "90+" when it is over 89; younger ages are clinical content. */
    private static PhiRule ageRule(String regex, int ageGroup) {
        return new PhiRule(PhiKind.AGE_OVER_89, Pattern.compile(regex), m -> capAge(m, ageGroup));
    }

    private static String capAge(MatchResult m, int ageGroup) {
        int age = Integer.parseInt(m.group(ageGroup));
        if (age <= OLDEST_KEPT_AGE) {
            return m.group();
        }
        int start = m.start(ageGroup) - m.start();
        int end = m.end(ageGroup) - m.start();
        return m.group().substring(0, start) + PhiKind.AGE_OVER_89.placeholder() + m.group().substring(end);
    }
}
