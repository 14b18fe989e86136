package org.baihua.core.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.baihua.core.config.ConfigKey;
import org.baihua.core.config.HostConfig;
import org.baihua.core.config.Settings;
import org.slf4j.LoggerFactory;

/**
 * The host's log file: {@code <data-dir>/logs/baihua.log} unless {@code log.dir} names another
 * folder, rotated daily and at 50 MB, kept 14 days and 1 GB. It used to be the installation's
 * {@code logs/}, which every host started from one installation wrote (and rotated) at once. The
 * folder's {@code baihua.log.lock} is held while a host writes its file, so a second host given the
 * same folder writes {@code baihua-<pid>.log} instead of interleaving into the first one's file.
 */
final class LogFiles implements AutoCloseable {

    static final ConfigKey<String> LOG_DIR = HostConfig.LOG_DIR;

    private static final String APPENDER = "FILE";

    private final Path file;
    private final FileChannel lockChannel;
    private final RollingFileAppender<ILoggingEvent> appender;

    private LogFiles(Path file, FileChannel lockChannel, RollingFileAppender<ILoggingEvent> appender) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.appender = appender;
    }

    /** The folder the settings name for the log file. */
    static Path directory(Settings settings) {
        String configured = settings.get(LOG_DIR).trim();
        return configured.isEmpty() ? HostConfig.from(settings).dataDir().resolve("logs")
                : Path.of(configured).toAbsolutePath().normalize();
    }

    /**
     * Starts writing the root logger's events at INFO and above to a file in {@code directory}.
     * Without Logback (baihua-core used as a library) nothing is written and {@link #file()} is null.
     */
    static LogFiles open(Path directory) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new LogFiles(null, null, null);
        }
        try {
            createPrivately(directory);
            FileChannel channel = FileChannel.open(directory.resolve("baihua.log.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            String base = "baihua";
            if (!locked(channel)) {
                channel.close();
                channel = null;
                base = "baihua-" + ProcessHandle.current().pid();
            }
            RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
            appender.setContext(context);
            appender.setName(APPENDER);
            Path file = directory.resolve(base + ".log");
            appender.setFile(file.toString());
            SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
            policy.setContext(context);
            policy.setParent(appender);
            policy.setFileNamePattern(directory.resolve(base + ".%d{yyyy-MM-dd}.%i.log.gz").toString());
            policy.setMaxFileSize(FileSize.valueOf("50MB"));
            policy.setMaxHistory(14);
            policy.setTotalSizeCap(FileSize.valueOf("1GB"));
            policy.start();
            appender.setRollingPolicy(policy);
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger - %msg%n");
            encoder.start();
            appender.setEncoder(encoder);
            appender.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
            return new LogFiles(file, channel, appender);
        } catch (IOException e) {
            throw new org.baihua.core.config.ConfigException(LOG_DIR.name(), "cannot write the log file in " + directory + ": " + e);
        }
    }

    /** Creates missing folders 0700 like the host's data directory (logs hold record contents in errors). */
    private static void createPrivately(Path directory) throws IOException {
        try {
            Files.createDirectories(directory, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(directory);
        }
    }

    private static boolean locked(FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false; // this process writes there already
        }
    }

    /** The file written, or null without Logback. */
    Path file() {
        return file;
    }

    @Override
    public void close() {
        if (appender != null) {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            appender.stop();
        }
        if (lockChannel != null) {
            try {
                lockChannel.close();
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }
    }
}
