package io.flead.bench.chaos;

import io.flead.platform.CliArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The options of {@code ./flead bench chaos}: {@code --runs 10 --seed 42 --devices 50 --rows 1000 --rate 5000
 * --faults-per-run 1 --kinds connect-kill,…} (all kinds by default) and {@code --keep} to keep each run's directory.
 */
record ChaosOptions(int runs, long seed, int devices, int rows, int rate, int faultsPerRun, List<FaultKind> kinds,
                    boolean keep) {
    static final Path WORK = Path.of(".flead", "bench", "chaos");
    static final Set<String> OPTIONS = Set.of("runs", "seed", "devices", "rows", "rate", "faults-per-run", "kinds");
    static final Set<String> SWITCHES = Set.of("keep");

    ChaosOptions {
        kinds = List.copyOf(kinds);
    }

    static ChaosOptions parse(String[] args) {
        CliArgs a = new CliArgs(args, OPTIONS, SWITCHES);
        return new ChaosOptions((int) a.longValue("runs", 10, 1, 1000), a.longValue("seed", 42, 0, Long.MAX_VALUE),
            (int) a.longValue("devices", 50, 1, 100_000), (int) a.longValue("rows", 1000, 10, 1_000_000),
            (int) a.longValue("rate", 5000, 1, 1_000_000), (int) a.longValue("faults-per-run", 1, 1, 100),
            kinds(a.string("kinds", "")), a.flag("keep"));
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
