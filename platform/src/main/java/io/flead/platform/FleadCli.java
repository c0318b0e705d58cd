package io.flead.platform;

import io.flead.datagen.DatagenCli;
import io.flead.platform.connect.ConnectorsCommand;
import io.flead.platform.status.StatusCommand;
import io.flead.platform.up.UpCommand;
import io.flead.runtime.LoggingDefaults;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code flead} command line: {@code up}, {@code datagen}, {@code status}, {@code connectors}, {@code completion};
 * {@code bench} and {@code build} are run by the launcher script and only described here. Exit codes: 0 done, 1 the
 * command ran and failed, 2 the command line or a setting was refused.
 */
@Command(name = "flead", mixinStandardHelpOptions = true, versionProvider = FleadVersion.class,
    description = "Federated-learning anomaly detection for IoT device data on Apache Kafka.",
    subcommands = {UpCommand.class, DatagenCommand.class, StatusCommand.class, ConnectorsCommand.class,
        LauncherCommands.Bench.class, LauncherCommands.Build.class, CompletionCommand.class,
        CommandLine.HelpCommand.class},
    commandListHeading = "%nCommands:%n", exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done",
        "1:the command ran and failed (e.g. a database refused the password)",
        "2:the command line or a setting was refused (unknown command or option, bad value, port in use)"},
    footer = {"", "`flead <command> --help` shows a command's options and defaults."})
public final class FleadCli implements Callable<Integer> {
    /** Exit code of a run that failed. */
    public static final int FAILED = 1;
    /** Exit code of a refused command line or setting. */
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int exit;
        try {
            LoggingDefaults.useFormat(LoggingDefaults.format(null, System.getenv()), false);
            exit = run(args, System.out, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("flead: " + e.getMessage());
            exit = USAGE;
        }
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** {@code flead} alone: the list of commands, and a usage error (as before picocli). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** Runs one command line; returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter errWriter = writer(err);
        try {
            DbPassword.refuseOnCommandLine(args);
        } catch (IllegalArgumentException e) {
            errWriter.println("flead: " + e.getMessage());
            return USAGE;
        }
        return commandLine(out, err).execute(args);
    }

    /** The command tree printing to {@code out} and {@code err}, with FLEAD's exit codes and error messages. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new FleadCli());
        cli.setOut(writer(out)).setErr(writer(err)).setOverwrittenOptionsAllowed(true)
            .setParameterExceptionHandler(FleadCli::refused).setExecutionExceptionHandler(FleadCli::failed);
        cli.getSubcommands().get("datagen").getCommandSpec().usageMessage().footer("", DatagenCli.usage().replace("%", "%%"));
        cli.setUsageHelpWidth(100);
        everyCommand(cli, c -> c.getCommandSpec().versionProvider(new FleadVersion()));
        return cli;
    }

    private static void everyCommand(CommandLine cli, java.util.function.Consumer<CommandLine> action) {
        action.accept(cli);
        cli.getSubcommands().values().forEach(sub -> everyCommand(sub, action));
    }

    /** A bad command line: what was wrong, the closest valid names if any, where to find the options. */
    public static int refused(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + name + " --help' for its options.");
        err.flush();
        return USAGE;
    }

    /** A command that threw: a refused setting is a usage error (2), anything else a failed run (1). */
    static int failed(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            err.println("flead: " + e.getMessage());
            err.flush();
            return USAGE;
        }
        err.println("flead: " + e);
        err.flush();
        return FAILED;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(stream, true);
    }
}
