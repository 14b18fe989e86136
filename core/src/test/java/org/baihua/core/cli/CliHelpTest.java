package org.baihua.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} on every command prints its usage and exits 0, even where parameters are required. */
class CliHelpTest {

    private static CliRun run(List<String> args) {
        return CliRun.of(args);
    }

    /** Every command path of the tree, the root first ({@code []}, {@code [plugins]}, {@code [plugins, install]}, ...). */
    private static void paths(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(path);
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandName())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(sub.getKey());
                paths(sub.getValue(), longer, into);
            }
        }
    }

    @Test
    void everyCommandPrintsItsHelpAndExitsZero() {
        List<List<String>> paths = new ArrayList<>();
        paths(BaihuaCli.commandLine(), List.of(), paths);
        assertThat(paths).as("the tree is walked").hasSizeGreaterThan(20)
                .contains(List.of("plugins", "install"), List.of("datasets", "upload"), List.of("predict"));
        for (List<String> path : paths) {
            for (String flag : new String[] {"--help", "-h"}) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                CliRun run = run(args);
                String usage = "Usage: " + String.join(" ", concat("baihua", path));
                assertThat(run.exit()).as(args + ": " + run.err()).isZero();
                assertThat(run.out()).as(String.join(" ", args)).contains(usage);
                assertThat(run.err()).as(String.join(" ", args)).isEmpty();
            }
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
