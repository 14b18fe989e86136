package org.baihua.plugins.medical.privacy;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Rules for person names where notes reliably carry them: after a title, in signature phrases, on
 * labelled lines ({@code Patient: Jane Doe}) and before a professional credential. Names in running
 * text without such a cue are not found: that would need a trained name recogniser.
 */
final class NameRules {

    /** A capitalised word (O'Brien, Smith-Jones, SMITH) or an initial. */
    private static final String TOKEN = "(?:[A-Z][A-Za-z'’-]*[A-Za-z]|[A-Z]\\.?)";
    private static final String NAME = TOKEN + "(?:\\s+" + TOKEN + "){0,2}";
    private static final String LISTED_NAME = TOKEN + "(?:,?[ \\t]+" + TOKEN + "){0,3}";
    /** Title case only: upper-case MS and MR are multiple sclerosis and mitral regurgitation. */
    private static final String TITLE = "(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Doctor|Nurse|Sister|Rev)";
    private static final String SIGNATURE = "(?i:(?:electronically\\s+)?signed\\s+by|dictated\\s+by|transcribed\\s+by"
            + "|reviewed\\s+by|authenticated\\s+by|attested\\s+by|cosigned\\s+by|/s/)";
    private static final String LINE_LABEL = "(?i:patient(?:'s)?\\s+name|patient|pt\\s+name|name|attending(?:\\s+physician)?"
            + "|physician|provider|surgeon|author|signature|signed|cc|pcp|primary\\s+care\\s+physician"
            + "|referring\\s+physician|next\\s+of\\s+kin|emergency\\s+contact|guardian|mother|father|spouse)";
    private static final String CREDENTIAL = "(?:MD|M\\.D\\.|DO|D\\.O\\.|RN|NP|PA-C|PhD|Ph\\.D\\.|MBBS|DDS|PharmD|LPN|APRN"
            + "|CRNA|FNP|FRCP|FACC|FACP|MSN|BSN)";

    private NameRules() {}

    static List<PhiRule> rules() {
        return List.of(
                PhiRule.keepingLabel(PhiKind.NAME, "\\b(" + TITLE + "\\.?)(\\s+)" + NAME),
                PhiRule.keepingLabel(PhiKind.NAME, "(" + SIGNATURE + ")(\\s*:?\\s*)" + NAME),
                PhiRule.keepingLabel(PhiKind.NAME, "(?m)^([ \\t]*" + LINE_LABEL + ")([ \\t]*:[ \\t]*)" + LISTED_NAME),
                new PhiRule(PhiKind.NAME, Pattern.compile(
                        "\\b(" + TOKEN + "(?:\\s+" + TOKEN + "){0,3})(,\\s*|\\s+)(" + CREDENTIAL + ")(?![\\w])"),
                        NameRules::beforeCredential));
    }

    /** "Jane Doe, RN" or "Jane Doe RN" is a name; a single word without a comma ("The MD") is not. */
    private static String beforeCredential(MatchResult m) {
        boolean comma = m.group(2).contains(",");
        boolean severalWords = m.group(1).trim().contains(" ");
        if (!comma && !severalWords) {
            return m.group();
        }
        return PhiKind.NAME.placeholder() + m.group(2) + m.group(3);
    }
}
