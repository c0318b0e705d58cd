package io.flead.datagen;

import java.nio.file.Path;

/**
 * The parsed command line of {@code flead datagen}: the output directory and the generator configuration.
 * Errors name the flag and quote the bad value.
 */
record DatagenArguments(Path out, GeneratorConfig config, boolean help) {

    static final String DEFAULT_OUT = "data/devices";

    static final String USAGE = String.join("\n",
        "Usage: flead datagen [flags]",
        "  --devices N          number of device files (default 2400)",
        "  --rows N             training rows per device (default 1000)",
        "  --out DIR            output directory (default data/devices)",
        "  --seed N             random seed; equal seeds give identical files (default 42)",
        "  --holdout-rows N     held-out rows per device under DIR/holdout (default 200; 0 for none)",
        "  --drift-devices S    devices that drift, a count (12) or a share (5%) (default 0)",
        "  --drift-at X         fraction of training rows after which they drift (default 0.7)",
        "  --attack-free S      devices that never see an attack, count or share (default 15%)",
        "  --difficulty D       standard (the demo data) or hard (planted values also in ordinary traffic, long-tailed\n"
            + "                       row counts, Dirichlet label skew; default standard)",
        "  --label-skew-alpha A Dirichlet concentration of each device's attack-type mix under hard: a positive number\n"
            + "                       (smaller is more skewed) or iid for no skew (default 0.5)",
        "  --threads N          worker threads; the output does not depend on it (default: cores)",
        "  --help               this text");

    static DatagenArguments parse(String[] args) {
        GeneratorConfig config = GeneratorConfig.defaults();
        Path out = Path.of(DEFAULT_OUT);
        DeviceShare drift = config.driftDevices();
        double driftAt = config.driftAt();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return new DatagenArguments(out, config, true);
            }
            if (!flag.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + flag + "': flags start with --");
            }
            String value = valueOf(args, i++);
            switch (flag) {
                case "--devices" -> config = config.withDevices(positiveInt(flag, value, 1));
                case "--rows" -> config = config.withRows(positiveInt(flag, value, 1));
                case "--holdout-rows" -> config = config.withHoldoutRows(positiveInt(flag, value, 0));
                case "--seed" -> config = config.withSeed(longValue(flag, value));
                case "--difficulty" -> config = config.withDifficulty(Difficulty.parse(value));
                case "--label-skew-alpha" -> config = config.withLabelSkewAlpha(alpha(flag, value));
                case "--threads" -> config = config.withThreads(positiveInt(flag, value, 1));
                case "--out" -> out = path(flag, value);
                case "--drift-devices" -> drift = share(flag, value);
                case "--drift-at" -> driftAt = fraction(flag, value);
                case "--attack-free" -> config = config.withAttackFree(share(flag, value));
                default -> throw new IllegalArgumentException("Unknown flag '" + flag + "'" + closest(flag));
            }
        }
        return new DatagenArguments(out, config.withDrift(drift, driftAt), false);
    }

    /** {@code " (did you mean --x?)"} for the flag of {@link #USAGE} closest to {@code flag}, or "" when none is close. */
    static String closest(String flag) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String line : USAGE.split("\n")) {
            String name = line.strip().split("\\s+")[0];
            int d = name.startsWith("--") ? distance(flag, name) : Integer.MAX_VALUE;
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, flag.length() / 3) ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int swap = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + swap);
            }
            prev = cur;
        }
        return prev[b.length()];
    }

    private static String valueOf(String[] args, int i) {
        String flag = args[i];
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException("Missing value for flag '" + flag + "'");
        }
        return args[i + 1];
    }

    private static int positiveInt(String flag, String value, int min) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the flag's rule
        }
        throw invalid(flag, value, "must be a whole number >= " + min);
    }

    /** A positive number, or {@code iid} (any case) for infinity: no label skew. */
    static double alpha(String flag, String value) {
        if (value.trim().equalsIgnoreCase("iid")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed > 0 && Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the flag's rule
        }
        throw invalid(flag, value, "must be a positive number (e.g. 0.5) or iid");
    }

    private static long longValue(String flag, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(flag, value, "must be a whole number");
        }
    }

    private static double fraction(String flag, String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed > 0 && parsed < 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the flag's rule
        }
        throw invalid(flag, value, "must be a number between 0 and 1 (exclusive), e.g. 0.7");
    }

    private static DeviceShare share(String flag, String value) {
        try {
            return DeviceShare.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(flag, value, "must be a device count (12) or a percentage between 0% and 100% (5%)");
        }
    }

    private static Path path(String flag, String value) {
        if (value.isBlank()) {
            throw invalid(flag, value, "must be a directory path");
        }
        return Path.of(value);
    }

    private static IllegalArgumentException invalid(String flag, String value, String rule) {
        return new IllegalArgumentException("Invalid value '" + value + "' for flag '" + flag + "': " + rule);
    }
}
