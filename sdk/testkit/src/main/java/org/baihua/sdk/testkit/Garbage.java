package org.baihua.sdk.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Broken input for adapters, the same on every run (seeded): raw bytes, and lines of printable
 * garbage that hold no quote or bracket, so that no format can read several of them as one record.
 */
final class Garbage {

    private static final String PRINTABLE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:|/\\-_=+*#&%$!?~^"
            + "\u00e9\u00fc\u00df\u4e2d\u6587\u20ac";
    static final int LINES = 40;

    private Garbage() {}

    /** 4 KiB of random bytes: invalid UTF-8, NULs, stray line breaks. */
    static byte[] bytes() {
        byte[] bytes = new byte[4096];
        new Random(8).nextBytes(bytes);
        return bytes;
    }

    /** {@link #LINES} distinct, non-blank lines of printable garbage, the first longer than the rest. */
    static List<String> lines() {
        Random random = new Random(88);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            int length = (i == 0 ? 30 : 1) + random.nextInt(60);
            StringBuilder line = new StringBuilder("x").append(i);
            for (int j = 0; j < length; j++) {
                line.append(PRINTABLE.charAt(random.nextInt(PRINTABLE.length())));
            }
            lines.add(line.toString().strip());
        }
        return lines;
    }

    static byte[] text(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
