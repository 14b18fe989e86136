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

    @Test
    void theDemoHostLogsIntoItsDataDirectoryLikeServe() throws Exception {
        // no plugin ships a sample here, so the demo stops after starting its host: enough to see where it logs
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = BaihuaCli.run("demo", "--no-serve", "--port", "0", "--data-dir", tmp.resolve("demo").toString(),
                    "--plugins-dir", Files.createDirectories(tmp.resolve("no-plugins")).toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String console = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(console).isNotZero();
        assertThat(console).contains("No started plugin ships sample data").contains("log: " + tmp.resolve("demo/logs/baihua.log"));
        // the tests' Logback level is WARN, so what the file holds is DemoIT's to check (the installation's INFO)
        assertThat(tmp.resolve("demo/logs/baihua.log")).isRegularFile();
    }
}
