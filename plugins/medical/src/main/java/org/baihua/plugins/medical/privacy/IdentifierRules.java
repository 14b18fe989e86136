package org.baihua.plugins.medical.privacy;

import java.util.List;

/**
 * Rules for identifying numbers and places: social security, medical record, account and other
 * numbers, street addresses, cities before a state, and ZIP codes.
 */
final class IdentifierRules {

    private static final String STATES = "(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO"
            + "|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR)";
    private static final String ZIP = "\\d{5}(?:-\\d{4})?";
    private static final String STREET_SUFFIX = "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct"
            + "|Way|Place|Pl|Terrace|Parkway|Pkwy|Circle|Highway|Hwy|Square|Sq|Trail|Alley)";
    /** Labels after which a code is an identifier; each names a number, so "account" alone does not count. */
    private static final String ID_LABEL = "(?i:\\b(?:MRN|SSN|NPI|UPIN|DEA|acct|a/c)\\b\\.?"
            + "|\\b(?:medical\\s+record|record|account|patient|pt|member|subscriber|policy|insurance|beneficiary"
            + "|health\\s+plan|social\\s+security|licen[cs]e|certificate|serial|device|encounter|visit|case|chart"
            + "|accession|specimen|claim|group|passport|driver'?s\\s+licen[cs]e|vehicle|plate|VIN)"
            + "\\s*(?:number|no\\b\\.?|num\\b\\.?|#|id\\b|identifier)"
            + "|\\bID\\b(?=\\s*[:#]))";

    private IdentifierRules() {}

    static List<PhiRule> rules() {
        return List.of(
                PhiRule.replacing(PhiKind.ID, "\\b\\d{3}-\\d{2}-\\d{4}\\b"),
                PhiRule.keepingLabel(PhiKind.ID,
                        "(" + ID_LABEL + ")(\\s*[:#]?\\s*(?:is\\s+)?)(?:[A-Za-z]{0,4}[-\\s]?\\d[\\dA-Za-z-]{2,}|\\d{4,})"),
                PhiRule.replacing(PhiKind.ADDRESS,
                        "\\b\\d{1,6}[A-Za-z]?\\s+(?:[NSEW]\\.?\\s+)?(?:[A-Z][A-Za-z'’-]*\\.?\\s+){1,4}" + STREET_SUFFIX
                                + "\\b\\.?(?:,?\\s*(?:Apt|Apartment|Suite|Ste|Unit|Room|Rm|#)\\.?\\s*#?[\\w-]+)?"),
                PhiRule.replacing(PhiKind.ADDRESS, "(?i)\\bP\\.?\\s?O\\.?\\s+Box\\s+\\d+\\b"),
                new PhiRule(PhiKind.ADDRESS, java.util.regex.Pattern.compile(
                        "\\b[A-Z][a-z]+(?:\\s+[A-Z][a-z]+){0,2},\\s*(" + STATES + ")\\s+" + ZIP + "\\b"),
                        m -> PhiKind.ADDRESS.placeholder() + ", " + m.group(1) + " " + PhiKind.ZIP.placeholder()),
                // The look-ahead lets the regex skip most positions before trying fifty state codes.
                PhiRule.keepingLabel(PhiKind.ZIP, "\\b(?=[A-Z]{2}\\s+\\d{5})(" + STATES + ")(\\s+)" + ZIP + "\\b"),
                PhiRule.keepingLabel(PhiKind.ZIP,
                        "(?i)\\b(zip(?:\\s*code)?|postal\\s+code|postcode)(\\s*[:#]?\\s*)" + ZIP + "\\b"),
                PhiRule.replacing(PhiKind.ZIP, "\\b\\d{5}-\\d{4}\\b"),
                // Unlabelled long numbers and letter-prefixed codes are identifiers; clinical values are shorter.
                PhiRule.replacing(PhiKind.ID, "(?<![\\w.,-])\\d{7,}(?!\\w|[.,]\\d)"),
                PhiRule.replacing(PhiKind.ID, "\\b[A-Z]{1,3}-?\\d{6,}\\b"));
    }
}
