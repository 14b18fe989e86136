package org.baihua.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.baihua.core.BaihuaException;
import org.baihua.core.config.HostConfig;
import org.baihua.core.config.LimitsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirSpaceTest {

    private static DataDirSpace space(Path dir, long lowBytes, SimpleMeterRegistry meters) {
        LimitsConfig d = LimitsConfig.defaults();
        return new DataDirSpace(new HostConfig(0, "127.0.0.1", dir, dir), new LimitsConfig(d.maxTextChars(), d.requestTimeoutMillis(),
                d.maxExplainRecords(), d.maxInflightRecords(), d.maxHeadParameters(), lowBytes), meters);
    }

    @Test
    void aFullDiskIsToldFromOtherFailuresWhereverItIsInTheCauses(@TempDir Path dir) {
        DataDirSpace space = space(dir, 0, new SimpleMeterRegistry());
        assertThat(space.isDiskFull(new BaihuaException(BaihuaException.Kind.INTERNAL, "Database error while recording audit entry",
                new SQLException("[SQLITE_FULL] Insertion failed because database is full", null, 13)))).isTrue();
        assertThat(space.isDiskFull(new SQLException("could not extend file", "53100"))).isTrue();
        assertThat(space.isDiskFull(new UncheckedIOException(new IOException("No space left on device")))).isTrue();
        // With plenty of free space, another storage failure is not a full disk.
        assertThat(space.isDiskFull(new SQLException("[SQLITE_ERROR] cannot commit - no transaction is active", null, 1))).isFalse();
        assertThat(space.isDiskFull(new IllegalStateException("something else"))).isFalse();
    }

    @Test
    void freeBytesAreAGaugeAndLowFollowsTheThreshold(@TempDir Path dir) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DataDirSpace space = space(dir, Long.MAX_VALUE, meters);
        assertThat(space.freeBytes()).isPositive();
        assertThat(space.low()).isTrue();
        assertThat(meters.get("baihua.data.dir.free.bytes").gauge().value()).isPositive();
        assertThat(space(dir, 0, new SimpleMeterRegistry()).low()).isFalse();
    }
}
