package org.baihua.formats;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import org.baihua.sdk.AdapterOptions;

/**
 * Decodes an input file: UTF-8 by default, checked byte by byte so that a malformed sequence
 * refuses the file naming its line and byte offset instead of being stored as U+FFFD; another
 * encoding when {@code option.encoding} names one ({@code ISO-8859-1}, {@code GB18030}, ...).
 */
final class TextInput {

    private TextInput() {}

    static Reader reader(InputStream in, AdapterOptions options) {
        String encoding = options.get("encoding", null);
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("UTF-8")) {
            return new InputStreamReader(new Utf8Check(in), StandardCharsets.UTF_8);
        }
        try {
            return new InputStreamReader(in, Charset.forName(encoding.trim()));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("option encoding '" + encoding + "' is not a known character set (for example UTF-8, "
                    + "ISO-8859-1, GB18030)");
        }
    }

    /** Passes bytes through while checking they are well-formed UTF-8 (RFC 3629: no overlongs, surrogates or values past U+10FFFF). */
    static final class Utf8Check extends FilterInputStream {
        private long offset;
        private long characterStart;
        private long line = 1;
        private int needed;
        private int lower = 0x80;
        private int upper = 0xBF;

        Utf8Check(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                check(b);
            } else if (needed > 0) {
                offset = characterStart;
                fail("the file ends inside a multi-byte character");
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n < 0 && needed > 0) {
                offset = characterStart;
                fail("the file ends inside a multi-byte character");
            }
            for (int i = 0; i < n; i++) {
                check(buffer[off + i] & 0xFF);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] sink = new byte[(int) Math.min(n, 8192)];
            int read = read(sink, 0, sink.length);
            return Math.max(read, 0);
        }

        private void check(int b) {
            if (needed == 0) {
                if (b < 0x80) {
                    if (b == '\n') {
                        line++;
                    }
                } else if (b >= 0xC2 && b <= 0xDF) {
                    start(1, 0x80, 0xBF);
                } else if (b >= 0xE0 && b <= 0xEF) {
                    start(2, b == 0xE0 ? 0xA0 : 0x80, b == 0xED ? 0x9F : 0xBF);
                } else if (b >= 0xF0 && b <= 0xF4) {
                    start(3, b == 0xF0 ? 0x90 : 0x80, b == 0xF4 ? 0x8F : 0xBF);
                } else {
                    fail(String.format("byte 0x%02X cannot start a UTF-8 character", b));
                }
            } else {
                if (b < lower || b > upper) {
                    offset = characterStart;
                    fail(String.format("byte 0x%02X does not continue the character begun at this offset", b));
                }
                lower = 0x80;
                upper = 0xBF;
                needed--;
            }
            offset++;
        }

        private void start(int more, int low, int high) {
            characterStart = offset;
            needed = more;
            lower = low;
            upper = high;
        }

        private void fail(String what) {
            throw new IllegalArgumentException("line " + line + ", byte offset " + offset + ": malformed UTF-8 (" + what
                    + "); if the file is in another encoding, name it with option.encoding (for example ISO-8859-1, or GB18030 "
                    + "for Chinese exports)");
        }
    }
}
