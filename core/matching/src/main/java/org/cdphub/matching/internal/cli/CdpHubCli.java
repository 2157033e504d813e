package org.cdphub.matching.internal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/cdphub}: bulk tools of CDP Hub that run on a plain JVM, without Karaf. */
@Command(name = "cdphub", mixinStandardHelpOptions = true, version = "CDP Hub bulk tools 0.1.0",
        description = "Bulk tools of CDP Hub (no Karaf needed).",
        subcommands = {ResolveCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class})
public final class CdpHubCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 usage error). */
    public static int run(String... args) {
        return new CommandLine(new CdpHubCli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("cdphub: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return e instanceof IllegalArgumentException ? 2 : 1;
        }).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: resolve or generate");
    }
}
