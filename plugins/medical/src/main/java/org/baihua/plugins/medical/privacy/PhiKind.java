package org.baihua.plugins.medical.privacy;

/** The kinds of HIPAA Safe Harbor identifiers the scrubber finds in free text, with their placeholders. */
public enum PhiKind {
    NAME("[NAME]"),
    DATE("[DATE]"),
    PHONE("[PHONE]"),
    EMAIL("[EMAIL]"),
    URL("[URL]"),
    IP_ADDRESS("[IP]"),
    /** Medical record, social security, account, licence, device and other identifying numbers. */
    ID("[ID]"),
    /** Street addresses, post boxes and cities. */
    ADDRESS("[ADDRESS]"),
    ZIP("[ZIP]"),
    /** Ages over 89, aggregated into one category as Safe Harbor allows. */
    AGE_OVER_89("90+");

    private final String placeholder;

    PhiKind(String placeholder) {
        this.placeholder = placeholder;
    }

    /** What replaces an identifier of this kind. */
    public String placeholder() {
        return placeholder;
    }
}
