package org.baihua.plugins.medical.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Removes HIPAA Safe Harbor identifiers from clinical free text: person names (after titles, in
 * signatures, on labelled lines, before credentials), dates, phone and fax numbers, e-mail
 * addresses, URLs, IP addresses, record/account/social security and other identifying numbers,
 * street addresses, cities and ZIP codes, and ages over 89. Clinical content (doses, vital signs,
 * laboratory values, years, ages up to 89) is kept. Chinese text gets the same treatment
 * ({@code ChineseRules}: ID cards, mobile and landline numbers, 年月日 dates, names after 患者 or
 * 医生). Deterministic and thread-safe.
 *
 * <p>The rules run in a fixed order: contact details first (an e-mail holds a name and a URL an
 * IP), then dates (so that date digits are not taken for phone numbers), identifiers, ages and
 * names last.
 */
public final class PhiScrubber {

    private final List<PhiRule> rules;

    /** A scrubber with the given rules, applied in order. */
    public PhiScrubber(List<PhiRule> rules) {
        this.rules = List.copyOf(Objects.requireNonNull(rules, "rules is null"));
    }

    /** The standard Safe Harbor rules. */
    public static PhiScrubber safeHarbor() {
        List<PhiRule> rules = new ArrayList<>();
        rules.addAll(ChineseRules.idCards());
        rules.addAll(ContactRules.rules());
        rules.addAll(ChineseRules.contacts());
        rules.addAll(DateAndAgeRules.dateRules());
        rules.addAll(ChineseRules.dates());
        rules.addAll(IdentifierRules.rules());
        rules.addAll(ChineseRules.identifiers());
        rules.addAll(DateAndAgeRules.ageRules());
        rules.addAll(ChineseRules.ages());
        rules.addAll(NameRules.rules());
        rules.addAll(ChineseRules.names());
        return new PhiScrubber(rules);
    }

    /** The text with every identifier the rules find replaced by its placeholder; null stays null. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (PhiRule rule : rules) {
            result = rule.apply(result);
        }
        return result;
    }
}
