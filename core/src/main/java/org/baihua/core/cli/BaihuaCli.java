package org.baihua.core.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/baihua}: the host's command line. */
@Command(name = "baihua", mixinStandardHelpOptions = true,
        versionProvider = BaihuaCli.Version.class,
        description = "Baihua: a vertical-domain model platform (train, version, serve classifiers).",
        subcommands = {ServeCommand.class, DemoCommand.class, PluginsCommand.class, DomainsCommand.class, DatasetsCommand.class,
            TrainCommand.class, ModelsCommand.class, PredictCommand.class, ScoreCommand.class, EmbedCommand.class, KeysCommand.class, CommandLine.HelpCommand.class})
public final class BaihuaCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The whole command tree, every command and subcommand answering {@code -h}/{@code --help}. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BaihuaCli()).setExecutionExceptionHandler(new CliErrors());
        addHelp(cli, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        return cli;
    }

    /**
     * Gives every command without one a usage-help option. picocli skips the check of required
     * parameters only when a usage-help option is matched, so without it {@code plugins install --help}
     * answered "Missing required parameter" and exit 2; method subcommands don't inherit the parent's.
     */
    private static void addHelp(CommandLine command, java.util.Set<CommandLine> seen) {
        if (!seen.add(command)) {
            return;
        }
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        if (spec.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp)) {
            java.util.List<String> names = new java.util.ArrayList<>();
            for (String name : new String[] {"-h", "--help"}) {
                if (spec.findOption(name) == null) {
                    names.add(name);
                }
            }
            if (!names.isEmpty()) {
                spec.addOption(CommandLine.Model.OptionSpec.builder(names.toArray(String[]::new))
                        .usageHelp(true).description("Show this help message and exit.").build());
            }
        }
        command.getSubcommands().values().forEach(sub -> addHelp(sub, seen));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"baihua " + org.baihua.core.HostVersion.current()};
        }
    }
}
