package org.baihua.scaleout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.baihua.core.storage.LocalObjectStore;
import org.baihua.core.storage.ObjectStore;

/** The object-store contract on local files. */
class LocalObjectStoreContractTest extends ObjectStoreContract {

    private Path root;

    @Override
    ObjectStore newStore() {
        root = temp.resolve("objects");
        return new LocalObjectStore(root);
    }

    @Override
    void damage(String key, byte[] replacement) throws Exception {
        Files.write(root.resolve(key), replacement);
    }

    @Override
    void leaveUnfinishedWrite(String key) throws Exception {
        // A killed writer leaves its scratch file, never the key.
        Path scratch = root.resolve(".tmp").resolve("killed-writer");
        Files.write(scratch, random(PART + 1, 9));
        Files.setLastModifiedTime(scratch, FileTime.from(Instant.now().minusSeconds(1)));
    }
}
