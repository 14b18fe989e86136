package org.baihua.plugins.finance.privacy;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks International Bank Account Numbers in free text, written compactly
 * ({@code DE89370400440532013000}) or in groups of four ({@code DE89 3704 0044 0532 0130 00}),
 * in upper or lower case. A candidate counts as an IBAN when it has 15 to 34 characters and passes
 * the ISO 13616 mod-97 check; what follows an IBAN on the same line ({@code ... 00 EUR}) is not
 * swallowed. The mask keeps the country code and the last four characters:
 * {@code DE****************3000}.
 */
final class IbanMasker {

    private static final int MIN_LENGTH = 15;
    private static final int MAX_LENGTH = 34;
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){11,32}(?![A-Za-z0-9])");

    /** The text with every IBAN masked; the same text when there is none. */
    String mask(String text) {
        Matcher m = CANDIDATE.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < text.length() && m.find(from)) {
            int end = validPrefixEnd(text, m.start(), m.end());
            if (end < 0) {
                from = m.start() + 1;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, m.start()).append(masked(compact(text.substring(m.start(), end))));
            copied = end;
            from = end;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * The end of the longest valid IBAN that starts at {@code start} within the candidate, cut only
     * at a space or at the candidate's end; -1 when there is none.
     */
    private static int validPrefixEnd(String text, int start, int candidateEnd) {
        for (int end = candidateEnd; end > start; end--) {
            boolean atBoundary = end == candidateEnd || text.charAt(end) == ' ';
            if (atBoundary && text.charAt(end - 1) != ' ' && valid(compact(text.substring(start, end)))) {
                return end;
            }
        }
        return -1;
    }

    private static String compact(String s) {
        return s.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** Whether a compact, upper-case string is a valid IBAN. */
    static boolean valid(String iban) {
        if (iban.length() < MIN_LENGTH || iban.length() > MAX_LENGTH) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                digits.append(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    private static String masked(String iban) {
        return iban.substring(0, 2) + "*".repeat(iban.length() - 6) + iban.substring(iban.length() - 4);
    }
}
