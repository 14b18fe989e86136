package org.baihua.core.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One in-process run of {@code baihua} with what it printed: how the CLI tests call a command.
 * Standard output and error are swapped for the run, so runs must not overlap.
 *
 * @param exit the exit code
 * @param out what the command printed on standard output
 * @param err what it printed on standard error
 */
record CliRun(int exit, String out, String err) {

    /** Runs {@code baihua args...}. */
    static CliRun of(List<String> args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            int exit = BaihuaCli.run(args.toArray(String[]::new));
            return new CliRun(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Runs {@code baihua args... --url host --key key} against a running host. */
    static CliRun against(URI host, String key, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", host.toString(), "--key", key));
        return of(all);
    }
}
