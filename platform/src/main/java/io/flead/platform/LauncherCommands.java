package io.flead.platform;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The launcher's own commands ({@code ./flead bench}, {@code ./flead build}): the script runs them without this
 * JVM, so here they are only described, for {@code flead --help} and the completion script.
 */
public final class LauncherCommands {
    private LauncherCommands() {
    }

    /** {@code ./flead bench <name>}: the benchmark module's entry point, {@code io.flead.bench.BenchMain}. */
    @Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a benchmark; `./flead bench <name> --help` shows its options.",
            "Run by the launcher script in the bench module, not by this program."})
    public static final class Bench implements Callable<Integer> {
        /** The benchmarks of {@code io.flead.bench}, one package each. */
        public static final List<String> NAMES = List.of("source", "sink", "functions", "quality", "streams", "lambda",
            "e2e", "latency", "loop", "chaos");

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", arity = "0..1", completionCandidates = Names.class,
            description = "one of: ${COMPLETION-CANDIDATES}")
        String name;

        @Parameters(paramLabel = "OPTION", arity = "0..*", hidden = true)
        List<String> options;

        @Override
        public Integer call() {
            spec.commandLine().getErr().println("flead bench runs through the launcher: ./flead bench "
                + (name == null ? "<name>" : name) + " …");
            return FleadCli.USAGE;
        }

        /** The names, for the completion script and the help. */
        static final class Names implements Iterable<String> {
            @Override
            public java.util.Iterator<String> iterator() {
                return NAMES.iterator();
            }
        }
    }

    /** {@code ./flead build}: rebuild now. */
    @Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Rebuild now (mvn package, tests skipped); the launcher also rebuilds when sources changed.",
            "Run by the launcher script, not by this program."})
    public static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getErr().println("flead build runs through the launcher: ./flead build");
            return FleadCli.USAGE;
        }
    }
}
