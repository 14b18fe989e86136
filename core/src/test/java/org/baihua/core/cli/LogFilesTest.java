package org.baihua.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.ConfigLoader;
import org.baihua.core.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** serve's log file lives under the data directory (or log.dir), and two hosts never share one. */
class LogFilesTest {

    @TempDir
    Path tmp;

    private Settings settings(Map<String, String> values) {
        return new ConfigLoader(BaihuaHost.configKeys(), tmp).load(null, values);
    }

    @Test
    void theLogFolderIsUnderTheDataDirectoryUnlessLogDirNamesOne() {
        assertThat(LogFiles.directory(settings(Map.of("data.dir", tmp.resolve("one").toString())))).isEqualTo(tmp.resolve("one/logs"));
        assertThat(LogFiles.directory(settings(Map.of("data.dir", tmp.resolve("one").toString(), "log.dir", tmp.resolve("var").toString()))))
                .isEqualTo(tmp.resolve("var"));
    }

    @Test
    void hostsWithTwoDataDirectoriesWriteTwoFilesAndASecondWriterOfOneFolderGetsItsOwnFile() throws Exception {
        try (LogFiles first = LogFiles.open(tmp.resolve("a/logs"));
             LogFiles second = LogFiles.open(tmp.resolve("b/logs"));
             LogFiles sameFolder = LogFiles.open(tmp.resolve("a/logs"))) {
            assertThat(first.file()).isEqualTo(tmp.resolve("a/logs/baihua.log"));
            assertThat(second.file()).isEqualTo(tmp.resolve("b/logs/baihua.log"));
            assertThat(sameFolder.file()).isEqualTo(tmp.resolve("a/logs/baihua-" + ProcessHandle.current().pid() + ".log"));
            LoggerFactory.getLogger(LogFilesTest.class).warn("written to every open log file");
            for (LogFiles logs : new LogFiles[] {first, second, sameFolder}) {
                assertThat(Files.readString(logs.file(), StandardCharsets.UTF_8)).contains("WARN", "written to every open log file");
            }
        }
        assertThat(Files.getPosixFilePermissions(tmp.resolve("a"))).hasSize(3);
        try (LogFiles again = LogFiles.open(tmp.resolve("a/logs"))) {
            assertThat(again.file()).as("the lock went with the first writer").isEqualTo(tmp.resolve("a/logs/baihua.log"));
        }
    }
}
