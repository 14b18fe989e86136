package org.baihua.plugins.finance.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks payment card numbers (PANs) in free text: runs of 13 to 19 digits that pass the Luhn check,
 * written plainly or in groups separated by single spaces or dashes ({@code 4111 1111 1111 1111}).
 * All digits but the last four become {@code *}; separators stay, so the text keeps its shape.
 *
 * <p>A run of digit groups is searched for the longest Luhn-valid span of whole groups, so a card
 * number next to another number ({@code order 12 4111 1111 1111 1111}) is still found. A single
 * unbroken run longer than 19 digits is an identifier, not a card, and is left alone. A number that
 * passes Luhn by chance (one in ten) is masked too: for card data a false alarm is the safe error.
 */
final class CardNumberMasker {

    static final int MIN_DIGITS = 13;
    static final int MAX_DIGITS = 19;
    private static final Pattern RUN = Pattern.compile("(?<![0-9])[0-9]+(?:[ -][0-9]+)*(?![0-9])");

    /** The text with every card number masked; the same text when there is none. */
    String mask(String text) {
        Matcher m = RUN.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            String run = m.group();
            String masked = maskRun(run);
            if (masked != null) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, m.start()).append(masked);
                copied = m.end();
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** The run with its card numbers masked, or null when it holds none. */
    private static String maskRun(String run) {
        if (run.length() < MIN_DIGITS) {
            return null;
        }
        List<int[]> groups = groups(run);
        char[] chars = run.toCharArray();
        boolean any = false;
        int i = 0;
        while (i < groups.size()) {
            int end = longestValidSpan(run, groups, i);
            if (end < 0) {
                i++;
                continue;
            }
            maskSpan(chars, groups.get(i)[0], groups.get(end)[1]);
            any = true;
            i = end + 1;
        }
        return any ? new String(chars) : null;
    }

    /** Index of the last group of the longest Luhn-valid span starting at {@code first}, or -1. */
    private static int longestValidSpan(String run, List<int[]> groups, int first) {
        int best = -1;
        StringBuilder digits = new StringBuilder();
        for (int j = first; j < groups.size(); j++) {
            digits.append(run, groups.get(j)[0], groups.get(j)[1]);
            if (digits.length() > MAX_DIGITS) {
                break;
            }
            if (digits.length() >= MIN_DIGITS && Luhn.valid(digits)) {
                best = j;
            }
        }
        return best;
    }

    private static List<int[]> groups(String run) {
        List<int[]> groups = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= run.length(); i++) {
            if (i == run.length() || run.charAt(i) == ' ' || run.charAt(i) == '-') {
                groups.add(new int[] {start, i});
                start = i + 1;
            }
        }
        return groups;
    }

    /** Stars every digit of [from, to) except the last four. */
    private static void maskSpan(char[] chars, int from, int to) {
        int keep = 4;
        for (int i = to - 1; i >= from; i--) {
            if (Character.isDigit(chars[i])) {
                if (keep > 0) {
                    keep--;
                } else {
                    chars[i] = '*';
                }
            }
        }
    }
}
