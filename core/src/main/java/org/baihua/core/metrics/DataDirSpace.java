package org.baihua.core.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.baihua.core.config.HostConfig;
import org.baihua.core.config.LimitsConfig;

/**
 * Free space of the data directory: exposed as the {@code baihua_data_dir_free_bytes} gauge,
 * reported by health below {@code limits.disk-low-bytes}, and used to tell a full disk from other
 * storage failures.
 */
@Singleton
public final class DataDirSpace {

    /** SQLite's result code for a full disk ({@code SQLITE_FULL}). */
    private static final int SQLITE_FULL = 13;
    /** PostgreSQL's SQLSTATE for a full disk. */
    private static final String PG_DISK_FULL = "53100";
    /** Below this, any storage failure is taken for a full disk (SQLite reports some as "no transaction is active"). */
    private static final long NEARLY_FULL_BYTES = 16L << 20;

    private final Path dataDir;
    private final long lowBytes;

    @Inject
    public DataDirSpace(HostConfig host, LimitsConfig limits, MeterRegistry meters) {
        this.dataDir = requireNonNull(host, "host is null").dataDir();
        this.lowBytes = requireNonNull(limits, "limits is null").diskLowBytes();
        Gauge.builder("baihua.data.dir.free.bytes", this, DataDirSpace::freeBytes).baseUnit("bytes")
                .description("Usable bytes left on the file system of the data directory").register(meters);
    }

    /** Usable bytes on the data directory's file system, or -1 when it cannot be read. */
    public long freeBytes() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Whether the free space is below {@code limits.disk-low-bytes}. */
    public boolean low() {
        long free = freeBytes();
        return free >= 0 && free < lowBytes;
    }

    /** Whether {@code failure} (or a cause) is the disk being full. */
    public boolean isDiskFull(Throwable failure) {
        boolean storage = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                storage = true;
                if (sql.getErrorCode() == SQLITE_FULL || PG_DISK_FULL.equals(sql.getSQLState())
                        || String.valueOf(sql.getMessage()).contains("SQLITE_FULL")) {
                    return true;
                }
            }
            if (t instanceof IOException io) {
                storage = true;
                String message = String.valueOf(io.getMessage());
                if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
                    return true;
                }
            }
        }
        if (!storage) {
            return false;
        }
        long free = freeBytes();
        return free >= 0 && free < NEARLY_FULL_BYTES;
    }
}
