package org.baihua.core.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Passes an object's bytes through while hashing them, and throws {@link CorruptObjectException}
 * when the end is reached with another SHA-256 than expected: a reader that consumes the stream
 * to its end has either used verified bytes or seen the failure.
 */
final class VerifyingInputStream extends FilterInputStream {

    private final MessageDigest digest = Digests.sha256();
    private final String key;
    private final String location;
    private final String expected;
    private long count;
    private boolean verified;

    VerifyingInputStream(InputStream in, String key, String location, String expectedSha256) {
        super(in);
        this.key = key;
        this.location = location;
        this.expected = expectedSha256;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            verify();
        } else {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            verify();
        } else {
            digest.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must be hashed too, so they are read.
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void verify() {
        if (verified) {
            return;
        }
        verified = true;
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expected)) {
            throw new CorruptObjectException(key, location, "read " + count + " bytes with SHA-256 " + actual
                    + ", expected " + expected);
        }
    }
}
