package io.flead.bench;

import io.flead.bench.chaos.ChaosOptions;
import io.flead.bench.e2e.E2eBench;
import io.flead.bench.functions.FunctionsBench;
import io.flead.bench.lambda.LambdaBench;
import io.flead.bench.latency.LatencyBench;
import io.flead.bench.loop.LoopPlan;
import io.flead.bench.quality.QualityBench;
import io.flead.bench.sink.SinkBench;
import io.flead.bench.source.SourceBench;
import io.flead.bench.streams.StreamsBench;
import io.flead.platform.FleadCli;
import io.flead.platform.FleadVersion;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of {@code ./flead bench <name> [options]}: checks the options against the benchmark's flags (each
 * benchmark declares them once, as picocli options), answers {@code --help}, then runs
 * {@code io.flead.bench.<name>.<Name>Bench}. Exit codes as {@code flead}'s: 0 done, 1 the run failed, 2 the command
 * line was refused.
 *
 * <p>Each benchmark lives in its own package and prints {@code metric <name> <value> <unit>} lines.
 */
@Command(name = "flead bench", mixinStandardHelpOptions = true, versionProvider = FleadVersion.class,
    description = "Run a benchmark; `flead bench <name> --help` shows its options and defaults.",
    subcommands = {SourceBench.Flags.class, SinkBench.Flags.class, FunctionsBench.Flags.class,
        QualityBench.Options.class, StreamsBench.Flags.class, LambdaBench.Flags.class, E2eBench.Flags.class,
        LatencyBench.Flags.class, LoopPlan.Flags.class, ChaosOptions.Flags.class},
    commandListHeading = "%nBenchmarks:%n", exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the run failed", "2:the command line was refused"})
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int exit = run(args, System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** The benchmarks' command tree printing to {@code out} and {@code err}. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new BenchMain()).setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true)).setOverwrittenOptionsAllowed(true).setUsageHelpWidth(100);
        cli.getSubcommands().values().forEach(c -> c.getCommandSpec().versionProvider(new FleadVersion()));
        return cli;
    }

    /** Checks the command line, answers help, runs the benchmark; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandLine cli = commandLine(out, err);
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (ParameterException e) {
            return FleadCli.refused(e, args);
        }
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        if (!parsed.hasSubcommand()) {
            cli.usage(cli.getErr());
            return FleadCli.USAGE;
        }
        String name = parsed.subcommand().commandSpec().name();
        try {
            mainOf(benchClass(name)).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
            return 0;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                cli.getErr().println("flead bench " + name + ": " + bad.getMessage());
                cli.getErr().flush();
                return FleadCli.USAGE;
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** {@code io.flead.bench.<name>.<Name>Bench}. */
    static Class<?> benchClass(String name) throws ClassNotFoundException {
        String n = name.toLowerCase(Locale.ROOT);
        return Class.forName("io.flead.bench." + n + "." + Character.toUpperCase(n.charAt(0)) + n.substring(1) + "Bench");
    }

    private static Method mainOf(Class<?> bench) throws NoSuchMethodException {
        return bench.getMethod("main", String[].class);
    }
}
