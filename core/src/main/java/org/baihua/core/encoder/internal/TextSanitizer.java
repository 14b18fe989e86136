package org.baihua.core.encoder.internal;

/** Makes a Java string safe for the native tokenizer, which expects valid Unicode. */
public final class TextSanitizer {

    private TextSanitizer() {}

    /**
     * The text with every unpaired UTF-16 surrogate replaced by U+FFFD, the way a UTF-8 decoder
     * treats invalid input; the same object when there is none (the common case).
     */
    public static String withoutLoneSurrogates(String text) {
        int bad = firstLoneSurrogate(text);
        if (bad < 0) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length());
        result.append(text, 0, bad);
        for (int i = bad; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                result.append(c).append(text.charAt(++i));
            } else {
                result.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return result.toString();
    }

    private static int firstLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
