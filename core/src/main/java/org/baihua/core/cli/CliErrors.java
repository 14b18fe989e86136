package org.baihua.core.cli;

import org.baihua.core.BaihuaException;
import org.baihua.core.config.ConfigException;
import picocli.CommandLine;

/** Prints a failure as one clear line on stderr and picks the exit code; never a stack trace for expected errors. */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (e instanceof ConfigException config) {
            cmd.getErr().println("baihua: cannot start, the configuration is wrong: " + config.getMessage());
            return ConfigException.EXIT_CODE;
        }
        if (e instanceof BaihuaException baihua) {
            cmd.getErr().println("baihua: " + baihua.getMessage());
            return baihua.kind().status >= 500 ? 2 : 1;
        }
        cmd.getErr().println("baihua: unexpected error: " + e);
        e.printStackTrace(cmd.getErr());
        return 2;
    }
}
