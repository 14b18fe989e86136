package org.baihua.core.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/baihua}: the host's command line. */
@Command(name = "baihua", mixinStandardHelpOptions = true,
        versionProvider = BaihuaCli.Version.class,
        description = "Baihua: a vertical-domain model platform (train, version, serve classifiers).",
        subcommands = {ServeCommand.class, DemoCommand.class, PluginsCommand.class, DomainsCommand.class, DatasetsCommand.class,
            TrainCommand.class, ModelsCommand.class, PredictCommand.class, KeysCommand.class, CommandLine.HelpCommand.class})
public final class BaihuaCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this). */
    public static int run(String... args) {
        return new CommandLine(new BaihuaCli())
                .setExecutionExceptionHandler(new CliErrors())
                .execute(args);
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
