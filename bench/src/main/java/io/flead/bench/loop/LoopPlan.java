package io.flead.bench.loop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code ./flead bench loop} runs (pure): by default 3 runs at 5,000 rows/s, one at 1,000 rows/s, one at maximum
 * speed and one at 5,000 rows/s with a busy-spinning thread per core; {@code --runs N} with {@code --rate R} (0 for
 * maximum speed) and {@code --contention} picks N runs of one shape instead.
 *
 * @param upArgs  extra {@code flead up} arguments ({@code --devices}, {@code --rows}, {@code --seed}, {@code --set})
 * @param timeout per run
 * @param keep    keep each run's work directory (broker data, PostgreSQL, logs) instead of deleting it
 */
record LoopPlan(List<Run> runs, List<String> upArgs, Duration timeout, boolean keep) {

    /** One run: the replay rate in rows/s (0 for maximum speed) and whether spinning threads compete for the CPU. */
    record Run(int rate, boolean contention) {
        String label() {
            return (rate == 0 ? "maximum speed" : String.format("%,d rows/s", rate))
                + (contention ? " with a busy-spinning thread per core" : "");
        }
    }

    static final int DEFAULT_RATE = 5000;
    static final Set<String> OPTIONS = Set.of("runs", "rate", "devices", "rows", "seed", "set", "timeout-min");
    static final Set<String> SWITCHES = Set.of("contention", "keep");
    private static final List<String> PASSED_TO_UP = List.of("devices", "rows", "seed", "set");

    LoopPlan {
        runs = List.copyOf(runs);
        upArgs = List.copyOf(upArgs);
    }

    static List<Run> defaultRuns() {
        return List.of(new Run(DEFAULT_RATE, false), new Run(DEFAULT_RATE, false), new Run(DEFAULT_RATE, false),
            new Run(1000, false), new Run(0, false), new Run(DEFAULT_RATE, true));
    }

    static LoopPlan parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + args[i] + "' for flead bench loop");
            }
            String name = args[i].substring(2);
            if (SWITCHES.contains(name)) {
                flags.add(name);
            } else if (OPTIONS.contains(name) && i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("Unknown option '" + args[i] + "' for flead bench loop (options: "
                    + new java.util.TreeSet<>(OPTIONS) + ", switches: " + new java.util.TreeSet<>(SWITCHES) + ")");
            }
        }
        boolean custom = values.containsKey("runs") || values.containsKey("rate") || flags.contains("contention");
        List<Run> runs = custom
            ? Collections.nCopies(positive(values, "runs", 1, 100), new Run(positive(values, "rate", DEFAULT_RATE,
                Integer.MAX_VALUE, 0), flags.contains("contention")))
            : defaultRuns();
        List<String> up = new ArrayList<>();
        for (String name : PASSED_TO_UP) {
            if (values.containsKey(name)) {
                up.add("--" + name);
                up.add(values.get(name));
            }
        }
        return new LoopPlan(runs, up, Duration.ofMinutes(positive(values, "timeout-min", 20, 600)),
            flags.contains("keep"));
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
