package org.baihua.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.baihua.core.storage.CorruptObjectException;
import org.baihua.core.storage.Digests;
import org.baihua.core.storage.MissingObjectException;
import org.baihua.core.storage.ObjectStore;
import org.baihua.core.storage.ObjectStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ObjectStore} must do, run against each implementation: objects round-trip and
 * are checked by SHA-256 on write and on read, damage is detected, a missing object is a clear
 * error, and an interrupted large write leaves nothing visible.
 */
abstract class ObjectStoreContract {

    static final int PART = 5 * 1024 * 1024;

    @TempDir
    Path temp;
    ObjectStore store;

    /** A fresh, empty store. */
    abstract ObjectStore newStore() throws Exception;

    /** Replaces the stored bytes of {@code key} behind the store's back. */
    abstract void damage(String key, byte[] replacement) throws Exception;

    /** Starts a multipart write and leaves it unfinished, as a process killed mid-write does. */
    abstract void leaveUnfinishedWrite(String key) throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void smallAndLargeObjectsRoundTripAndAreListed() throws IOException {
        byte[] small = "hello".getBytes();
        byte[] large = random(2 * PART + 123, 1); // three parts
        store.put("a/small", small, Digests.sha256Hex(small));
        Path file = temp.resolve("large.bin");
        Files.write(file, large);
        store.put("a/large", file, Digests.sha256Hex(large));

        assertThat(store.read("a/small", Digests.sha256Hex(small))).isEqualTo(small);
        assertThat(store.read("a/large", Digests.sha256Hex(large))).isEqualTo(large);
        assertThat(store.stat("a/large")).get().extracting(ObjectStore.ObjectInfo::size).isEqualTo((long) large.length);
        assertThat(store.list("a/")).extracting(ObjectStore.ObjectInfo::key).containsExactly("a/large", "a/small");
        assertThat(store.list("b/")).isEmpty();

        store.delete("a/small");
        assertThat(store.stat("a/small")).isEmpty();
        store.delete("a/small"); // deleting what is gone is fine
    }

    @Test
    void exactlyOnePartIsOneWrite() {
        byte[] bytes = random(PART, 2);
        store.put("p/one", bytes, Digests.sha256Hex(bytes));
        assertThat(store.read("p/one", Digests.sha256Hex(bytes))).isEqualTo(bytes);
    }

    @Test
    void contentWithAnotherShaIsRefusedAndNothingIsStored() {
        byte[] bytes = "payload".getBytes();
        String wrong = Digests.sha256Hex("other".getBytes());
        assertThatThrownBy(() -> store.put("w/small", bytes, wrong)).isInstanceOf(CorruptObjectException.class)
                .hasMessageContaining("w/small");
        byte[] large = random(PART + 10, 3);
        assertThatThrownBy(() -> store.put("w/large", large, wrong)).isInstanceOf(CorruptObjectException.class);
        assertThat(store.stat("w/small")).isEmpty();
        assertThat(store.stat("w/large")).isEmpty();
    }

    @Test
    void damagedObjectIsDetectedOnRead() throws Exception {
        byte[] bytes = random(1000, 4);
        String sha = Digests.sha256Hex(bytes);
        store.put("d/obj", bytes, sha);
        byte[] altered = bytes.clone();
        altered[500] ^= 1;
        damage("d/obj", altered);
        assertThatThrownBy(() -> store.read("d/obj", sha)).isInstanceOf(CorruptObjectException.class)
                .hasMessageContaining("d/obj").hasMessageContaining(sha);
    }

    @Test
    void missingObjectIsAClearError() {
        assertThatThrownBy(() -> store.open("nothing/here", null)).isInstanceOf(MissingObjectException.class)
                .hasMessageContaining("Object 'nothing/here' is missing from");
        assertThat(store.stat("nothing/here")).isEmpty();
    }

    @Test
    void writeInterruptedMidwayLeavesNoObject() {
        byte[] large = random(3 * PART, 5);
        String sha = Digests.sha256Hex(large);
        InputStream failing = new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos > PART + PART / 2) {
                    throw new IOException("connection reset (test)");
                }
                int n = Math.min(len, Math.min(64 * 1024, large.length - pos));
                System.arraycopy(large, pos, b, off, n);
                pos += n;
                return n;
            }
        };
        assertThatThrownBy(() -> store.put("i/large", failing, sha)).hasMessageContaining("connection reset");
        assertThat(store.stat("i/large")).isEmpty();
        assertThat(store.list("i/")).isEmpty();
        assertThat(store.abortUnfinishedWrites(Instant.now().plusSeconds(60))).isZero();
    }

    @Test
    void writeLeftUnfinishedByADeadProcessIsInvisibleAndAbortedLater() throws Exception {
        leaveUnfinishedWrite("u/large");
        assertThat(store.stat("u/large")).isEmpty();
        assertThat(store.list("u/")).isEmpty();
        assertThat(store.abortUnfinishedWrites(Instant.now().minusSeconds(3600))).as("younger than the cut-off").isZero();
        assertThat(store.abortUnfinishedWrites(Instant.now().plusSeconds(60))).isEqualTo(1);
        assertThat(store.abortUnfinishedWrites(Instant.now().plusSeconds(60))).isZero();
    }

    @Test
    void rejectsKeysThatEscape() {
        assertThatThrownBy(() -> store.put("../x", new byte[] {1}, Digests.sha256Hex(new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static void assertStoreError(Runnable action) {
        assertThatThrownBy(action::run).isInstanceOf(ObjectStoreException.class);
    }
}
