package org.baihua.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirPermissionsTest {

    @Test
    void aNewDataDirIsPrivateAndWiderEntriesAreNarrowed(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        assertThat(DataDirPermissions.secure(data)).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");

        Path datasets = Files.createDirectories(data.resolve("datasets"));
        Files.setPosixFilePermissions(datasets, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = Files.writeString(datasets.resolve("ds-1.jsonl.gz"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Path db = Files.writeString(data.resolve("registry.db"), "x");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(DataDirPermissions.secure(data)).containsExactlyInAnyOrder(". (was rwxr-xr-x)", "datasets (was rwxr-xr-x)",
                "datasets/ds-1.jsonl.gz (was rw-r--r--)");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(DataDirPermissions.secure(data)).isEmpty();
    }
}
