package org.baihua.plugins.medical.privacy;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/** Rules for electronic and telephone contact details: e-mail, URLs, IP addresses, phone and fax numbers. */
final class ContactRules {

    private static final String IPV4_OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

    private ContactRules() {}

    static List<PhiRule> rules() {
        return List.of(
                PhiRule.replacing(PhiKind.EMAIL, "(?i)\\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}\\b"),
                // The last character may not be sentence punctuation, so "see www.x.org." keeps its full stop.
                PhiRule.replacing(PhiKind.URL,
                        "(?i)\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"']*[^\\s<>\"'.,;:!?)\\]]"),
                PhiRule.replacing(PhiKind.IP_ADDRESS,
                        "(?<![\\w.])(?:" + IPV4_OCTET + "\\.){3}" + IPV4_OCTET + "(?![\\w]|\\.\\d)"),
                // IPv6: the full eight groups, or a compressed form with "::" (so clock times never match).
                PhiRule.replacing(PhiKind.IP_ADDRESS,
                        "(?i)(?<![\\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\\w:])"),
                PhiRule.replacing(PhiKind.IP_ADDRESS,
                        "(?i)(?<![\\w:])(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?(?![\\w:])(?<=[0-9a-f:]{3})"),
                // A number after a phone label: any grouping, as long as it has at least 7 digits.
                new PhiRule(PhiKind.PHONE, Pattern.compile(
                        "(?i)\\b(tel(?:ephone)?|phone|fax|cell(?:phone)?|mobile|pager|beeper|contact\\s+number)"
                                + "(\\.?\\s*(?:no\\.?|number|#)?\\s*[:#]?\\s*)(\\+?\\(?\\d[\\d\\s().-]{5,}\\d)"
                                + "((?:\\s*(?:x|ext\\.?)\\s*\\d{1,5})?)"),
                        ContactRules::labelledPhone),
                PhiRule.replacing(PhiKind.PHONE,
                        "(?<![\\w.-])(?:\\+?1[\\s.-]?)?(?:\\(\\d{3}\\)\\s?\\d{3}[\\s.-]|\\d{3}([.-])\\d{3}\\1)\\d{4}"
                                + "(?![\\w-])(?:\\s*(?:x|ext\\.?)\\s*\\d{1,5})?"),
                new PhiRule(PhiKind.PHONE, Pattern.compile(
                        "(?<![\\w+])\\+\\d{1,3}(?:[\\s.-]?\\(?\\d{1,5}\\)?){2,5}(?![\\w])"),
                        m -> digits(m.group()) >= 8 ? PhiKind.PHONE.placeholder() : m.group()));
    }

    private static String labelledPhone(MatchResult m) {
        if (digits(m.group(3)) < 7) {
            return m.group();
        }
        return m.group(1) + m.group(2) + PhiKind.PHONE.placeholder();
    }

    private static int digits(String s) {
        return (int) s.chars().filter(Character::isDigit).count();
    }
}
