package io.flead.bench.loop;

import io.flead.bench.BenchFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What {@code ./flead bench loop} runs (pure): by default 3 runs at 5,000 rows/s, one at 1,000 rows/s, one at maximum
 * speed and one at 5,000 rows/s with a busy-spinning thread per core; {@code --runs N} with {@code --rate R} (0 for
 * maximum speed) and {@code --contention} picks N runs of one shape instead.
 *
 * @param upArgs  extra {@code flead up} arguments ({@code --devices}, {@code --rows}, {@code --seed}, {@code --set})
 * @param timeout per run
 * @param keep    keep each run's work directory (broker data, PostgreSQL, logs) instead of deleting it
 */
public record LoopPlan(List<Run> runs, List<String> upArgs, Duration timeout, boolean keep) {

    /** One run: the replay rate in rows/s (0 for maximum speed) and whether spinning threads compete for the CPU. */
    record Run(int rate, boolean contention) {
        String label() {
            return (rate == 0 ? "maximum speed" : String.format("%,d rows/s", rate))
                + (contention ? " with a busy-spinning thread per core" : "");
        }
    }

    static final int DEFAULT_RATE = 5000;
    private static final List<String> PASSED_TO_UP = List.of("devices", "rows", "seed", "set");

    public LoopPlan {
        runs = List.copyOf(runs);
        upArgs = List.copyOf(upArgs);
    }

    static List<Run> defaultRuns() {
        return List.of(new Run(DEFAULT_RATE, false), new Run(DEFAULT_RATE, false), new Run(DEFAULT_RATE, false),
            new Run(1000, false), new Run(0, false), new Run(DEFAULT_RATE, true));
    }

    static LoopPlan parse(String[] args) {
        return BenchFlags.parse(new Flags(), args).plan();
    }

    /** The flags of {@code flead bench loop}, declared once. */
    @Command(name = "loop", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The federated loop under different timings: after one small uncounted warm-up run, 3 runs at "
            + "5,000 rows/s, 1 at 1,000, 1 at full speed and 1 at 5,000 with a busy-spinning thread per core; "
            + "--runs, --rate and --contention pick N runs of one shape instead.",
            "Each run is flead up --headless --exit-when-done as a child process."})
    public static final class Flags {
        @Option(names = "--runs", paramLabel = "N", description = "runs of one shape, 1-100 (default: the six above; 1 "
            + "when only --rate or --contention is given)")
        String runs;
        @Option(names = "--rate", paramLabel = "R", description = "rows/s of those runs, 0 for maximum speed (default: "
            + DEFAULT_RATE + ")")
        String rate;
        @Option(names = "--contention", description = "a busy-spinning thread per core in those runs")
        boolean contention;
        @Option(names = "--devices", paramLabel = "N", description = "passed to flead up (its default: 200)")
        String devices;
        @Option(names = "--rows", paramLabel = "N", description = "passed to flead up (its default: 1000)")
        String rows;
        @Option(names = "--seed", paramLabel = "S", description = "passed to flead up (its default: 42)")
        String seed;
        @Option(names = "--set", paramLabel = "FN:KEY=VALUE[,…]", description = "passed to flead up")
        String set;
        @Option(names = "--timeout-min", paramLabel = "MIN", description = "minutes per run, 1-600 (default: 20)")
        String timeoutMin;
        @Option(names = "--keep", description = "keep each run's directory under .flead/bench/loop/")
        boolean keep;

        LoopPlan plan() {
            Map<String, String> values = new LinkedHashMap<>();
            put(values, "runs", runs);
            put(values, "rate", rate);
            put(values, "devices", devices);
            put(values, "rows", rows);
            put(values, "seed", seed);
            put(values, "set", set);
            put(values, "timeout-min", timeoutMin);
            boolean custom = runs != null || rate != null || contention;
            List<Run> planned = custom
                ? Collections.nCopies(positive(values, "runs", 1, 100), new Run(positive(values, "rate", DEFAULT_RATE,
                    Integer.MAX_VALUE, 0), contention))
                : defaultRuns();
            List<String> up = new ArrayList<>();
            for (String name : PASSED_TO_UP) {
                if (values.containsKey(name)) {
                    up.add("--" + name);
                    up.add(values.get(name));
                }
            }
            return new LoopPlan(planned, up, Duration.ofMinutes(positive(values, "timeout-min", 20, 600)), keep);
        }

        private static void put(Map<String, String> values, String name, String value) {
            if (value != null) {
                values.put(name, value);
            }
        }
    }

    private static int positive(Map<String, String> values, String name, int defaultValue, int max) {
        return positive(values, name, defaultValue, max, 1);
    }

    private static int positive(Map<String, String> values, String name, int defaultValue, int max, int min) {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("Invalid value '" + text + "' for --" + name + ": must be an integer from "
            + min + " to " + max);
    }
}
