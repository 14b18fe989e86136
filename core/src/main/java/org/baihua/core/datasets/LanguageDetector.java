package org.baihua.core.datasets;

/**
 * Tells Chinese from other text by the share of CJK ideographs among letters, counted over every
 * text fed to it (a data set's text fields at ingest). Only this distinction picks an encoder, so
 * nothing finer is attempted: text with letters and few ideographs is taken for English, the
 * bundled default.
 */
public final class LanguageDetector {

    /** Chinese: at least this share of the letters are CJK ideographs. */
    public static final double CJK_SHARE = 0.3;

    /** ISO 639-1 code of Chinese. */
    public static final String CHINESE = "zh";
    /** ISO 639-1 code of English, given to any text with letters below the CJK share. */
    public static final String ENGLISH = "en";
    /** ISO 639-2 code for "undetermined": no letters at all (empty, numbers, punctuation). */
    public static final String UNDETERMINED = "und";

    private long cjk;
    private long letters;

    /** Counts the letters of {@code text}; null is ignored. */
    public void accept(String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                    cjk++;
                }
            }
        }
    }

    /** Share of the letters seen so far that are CJK ideographs; 0 without letters. */
    public double cjkShare() {
        return letters == 0 ? 0 : (double) cjk / letters;
    }

    /** {@link #CHINESE}, {@link #ENGLISH} or {@link #UNDETERMINED}, from the texts seen so far. */
    public String language() {
        if (letters == 0) {
            return UNDETERMINED;
        }
        return cjkShare() >= CJK_SHARE ? CHINESE : ENGLISH;
    }

    /** The language of one text. */
    public static String of(String text) {
        LanguageDetector detector = new LanguageDetector();
        detector.accept(text);
        return detector.language();
    }
}
