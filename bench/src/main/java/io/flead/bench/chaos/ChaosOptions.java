package io.flead.bench.chaos;

import io.flead.bench.BenchFlags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options of {@code ./flead bench chaos}: {@code --runs 10 --seed 42 --devices 50 --rows 1000 --rate 5000
 * --faults-per-run 1 --kinds connect-kill,…} (all kinds by default) and {@code --keep} to keep each run's directory.
 */
public record ChaosOptions(int runs, long seed, int devices, int rows, int rate, int faultsPerRun, List<FaultKind> kinds,
                    boolean keep) {
    static final Path WORK = Path.of(".flead", "bench", "chaos");

    public ChaosOptions {
        kinds = List.copyOf(kinds);
    }

    static ChaosOptions parse(String[] args) {
        return BenchFlags.parse(new Flags(), args).options();
    }

    /** The flags of {@code flead bench chaos}, declared once. */
    @Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The fault suite: each run starts the stack as separate processes, replays a fleet and injects "
            + "faults (kills, outages, hangs, a broker restart); then checks every row exactly once.")
    public static final class Flags {
        @Option(names = "--runs", defaultValue = "10", description = "runs, 1-1000 (default: ${DEFAULT-VALUE})")
        long runs;
        @Option(names = "--seed", defaultValue = "42", description = "seed of the fault plan (default: ${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--devices", defaultValue = "50", description = "devices, 1-100000 (default: ${DEFAULT-VALUE})")
        long devices;
        @Option(names = "--rows", defaultValue = "1000", description = "rows per device, 10-1000000 (default: ${DEFAULT-VALUE})")
        long rows;
        @Option(names = "--rate", defaultValue = "5000", description = "rows/s of the replay, 1-1000000 (default: ${DEFAULT-VALUE})")
        long rate;
        @Option(names = "--faults-per-run", defaultValue = "1", description = "faults per run, 1-100 (default: ${DEFAULT-VALUE})")
        long faultsPerRun;
        @Option(names = "--kinds", paramLabel = "KIND[,KIND…]", defaultValue = "",
            description = "fault kinds, comma-separated, of: ${COMPLETION-CANDIDATES} (default: all)",
            completionCandidates = KindLabels.class)
        String kinds;
        @Option(names = "--keep", description = "keep each run's directory under .flead/bench/chaos/")
        boolean keep;

        ChaosOptions options() {
            return new ChaosOptions((int) BenchFlags.range("--runs", runs, 1, 1000),
                BenchFlags.range("--seed", seed, 0, Long.MAX_VALUE), (int) BenchFlags.range("--devices", devices, 1, 100_000),
                (int) BenchFlags.range("--rows", rows, 10, 1_000_000), (int) BenchFlags.range("--rate", rate, 1, 1_000_000),
                (int) BenchFlags.range("--faults-per-run", faultsPerRun, 1, 100), ChaosOptions.kinds(kinds), keep);
        }
    }

    /** The labels of the fault kinds, for the help and the completion script. */
    static final class KindLabels implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(FaultKind.values()).map(FaultKind::label).iterator();
        }
    }

    /** Labels such as {@code connect-kill,postgres-hang}; empty for every kind. */
    static List<FaultKind> kinds(String labels) {
        if (labels.isBlank()) {
            return List.of(FaultKind.values());
        }
        List<FaultKind> kinds = new ArrayList<>();
        for (String label : labels.split(",")) {
            kinds.add(Arrays.stream(FaultKind.values()).filter(k -> k.label().equals(label.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Invalid value '" + label.trim() + "' for --kinds: "
                    + "one of " + Arrays.stream(FaultKind.values()).map(FaultKind::label).toList())));
        }
        return kinds;
    }

    /** How long a replay of the fleet lasts at the rate. */
    Duration replay() {
        return Duration.ofMillis(1000L * devices * rows / rate);
    }
}
