package org.baihua.core.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.file.FileSystems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Narrows the process's file creation mask to {@code 077}, so that every file the host creates while
 * it runs is 0600 and every folder 0700: data sets, artifacts, the registry database and the
 * {@code -wal} and {@code -shm} files SQLite creates itself, the embedding cache, logs. Java has no
 * API for the umask, so the C library's {@code umask} is called through JNA (on the class path for
 * DJL). Where that is impossible (no POSIX file system, no native access), the 0700 data directory
 * remains the boundary; see {@link DataDirPermissions}. The umask belongs to the process: an
 * application that embeds the host gets it too, and it stays after the host closes.
 */
public final class Umask {

    private static final Logger log = LoggerFactory.getLogger(Umask.class);
    private static final int PRIVATE = 0077;
    private static volatile boolean done;

    /** The C library's umask(2). */
    interface CLibrary extends Library {
        int umask(int mask);
    }

    private Umask() {}

    /**
     * Adds group and other to the process umask (a stricter umask stays as it is); once per process.
     *
     * @return whether the umask now keeps new files private
     */
    public static synchronized boolean restrict() {
        if (done) {
            return true;
        }
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return false;
        }
        try {
            CLibrary c = Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);
            int old = c.umask(PRIVATE);
            c.umask(old | PRIVATE);
            done = true;
            return true;
        } catch (LinkageError | RuntimeException e) { // no JNA, or no native access
            log.warn("Cannot set the process umask to 077 ({}): files the host creates get the inherited umask, and the data"
                    + " directory (0700) keeps them from other users", e.toString());
            return false;
        }
    }
}
