package io.flead.bench.quality;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.Difficulty;
import io.flead.datagen.GeneratorConfig;
import io.flead.model.EdgeIiotFeatures;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code flead bench quality}: generates (or reads) a datagen fleet, runs the {@link QualityHarness} and
 * prints {@code metric <name> <value> <unit>} lines; then prints the drift figures of {@link DriftQuality}.
 *
 * <p>Every figure is run for {@code --seeds N} (5) seeds {@code seed, seed+1, …}: each seed generates its own
 * fleet and trains with its own seed; the figures are printed per seed, then as mean and 95% t-interval half-width
 * ({@code <name>_ci95}), with the run's wall time.
 *
 * <p>Flags: {@code --data DIR} (an existing datagen output; then only the training seed varies), else
 * {@code --devices N} (200), {@code --rows N} (1000, the mean under the hard mode), {@code --holdout-rows N} (200),
 * {@code --seed N} (42), {@code --difficulty hard|standard} (hard: see datagen's {@code Difficulty}); and {@code --rounds N} (30),
 * {@code --threads N} (2), {@code --participation X} (0.25: the share of devices drawn to train in each round);
 * {@code --seeds 0} skips these figures. The attack section ({@link AttackSection}) has flags of its own;
 * {@code --table on|off} (on: the {@link NonIidTable} and asynchrony figures, on fleets of their own, so also with
 * {@code --data}), {@code --table-seeds N} ({@value NonIidTable#DEFAULT_SEEDS}: the table's seeds, from {@code --seed};
 * 0 skips it), {@code --table-devices N} (the table fleets' devices, 120).
 * {@code --tune on|off} (on: each learned arm's rate and epochs chosen on validation rows first, {@link ArmTuning}).
 * The gradient-boosted-trees baseline ({@link GbtBaseline}) runs after the harness on the same fleet.
 * The label-free forest section ({@link ForestSection}, {@code --forest on|off}, on) has flags of its own.
 */
public final class QualityBench {
    /** Seeds per run: each figure is a mean over this many fleets and trainings, with a 95% interval. */
    static final int DEFAULT_SEEDS = 5;
    /** Devices per fleet: the demo fleet's size ({@code flead up}), so that five seeds run in reasonable time. */
    static final int DEFAULT_DEVICES = 200;

    private QualityBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options == null) {
            return;
        }
        PrintStream out = System.out;
        long start = System.nanoTime();
        SeedSummary summary = new SeedSummary();
        for (int k = 0; k < options.seeds; k++) { // --seeds 0 --table-seeds 0: the attack and drift sections only
            long seed = options.seed + k;
            out.printf(Locale.ROOT, "seed %d (%d of %d)%n", seed, k + 1, options.seeds);
            List<QualityPrinter.Metric> figures = runSeed(options, seed, out);
            figures.forEach(m -> out.printf(Locale.ROOT, "seed %d %s %s %s%n", seed, m.name(),
                QualityPrinter.format(m.value()), m.unit()));
            summary.add(figures);
        }
        out.printf(Locale.ROOT, "figures over %d seeds (%d..%d): mean, and the 95%% t-interval's half-width as _ci95%n",
            options.seeds, options.seed, options.seed + options.seeds - 1);
        for (SeedSummary.Interval i : summary.intervals()) {
            out.printf(Locale.ROOT, "metric %s %s %s%n", i.name(), QualityPrinter.format(i.mean()), i.unit());
            if (options.seeds > 1) {
                out.printf(Locale.ROOT, "metric %s_ci95 %s %s%n", i.name(), QualityPrinter.format(i.halfWidth()),
                    i.unit());
            }
        }
        out.printf(Locale.ROOT, "metric quality.seeds %d seeds%n", options.seeds);
        if (options.table && options.tableSeeds > 0) {
            runTable(options, out);
        }
        out.printf(Locale.ROOT, "metric quality.wall_time_s %.1f s%n", (System.nanoTime() - start) / 1e9);
        AttackSection.run(options, out);
        ForestSection.run(options, out);
        DriftQuality.metricLines(false).forEach(out::println);
    }

    /**
     * The non-IID table and asynchrony figures over seeds of their own ({@code --table-seeds}, from {@code --seed}):
     * their cells are paired differences whose spread comes mostly from the fleet drawn, so they need more seeds
     * than the main figures for the same interval. Printed as mean and 95% half-width, then as the table.
     */
    private static void runTable(Options options, PrintStream out) {
        long start = System.nanoTime();
        NonIidTable.Scale scale = NonIidTable.Scale.DEFAULT.withDevices(options.tableDevices);
        SeedSummary summary = new SeedSummary();
        for (int k = 0; k < options.tableSeeds; k++) {
            long seed = options.seed + k;
            out.printf(Locale.ROOT, "non-IID table seed %d (%d of %d)%n", seed, k + 1, options.tableSeeds);
            HarnessConfig config = HarnessConfig.defaults().withThreads(options.threads).withSeed(seed);
            List<QualityPrinter.Metric> figures = new NonIidTable(scale, config, out::println).run();
            figures.forEach(m -> out.printf(Locale.ROOT, "seed %d %s %s %s%n", seed, m.name(),
                QualityPrinter.format(m.value()), m.unit()));
            summary.add(figures);
        }
        out.printf(Locale.ROOT, "non-IID table and asynchrony over %d seeds (%d..%d): mean, and the 95%% t-interval's"
            + " half-width as _ci95%n", options.tableSeeds, options.seed, options.seed + options.tableSeeds - 1);
        for (SeedSummary.Interval i : summary.intervals()) {
            out.printf(Locale.ROOT, "metric %s %s %s%n", i.name(), QualityPrinter.format(i.mean()), i.unit());
            if (options.tableSeeds > 1) {
                out.printf(Locale.ROOT, "metric %s_ci95 %s %s%n", i.name(), QualityPrinter.format(i.halfWidth()),
                    i.unit());
            }
        }
        NonIidTable.print(summary.intervals(), scale, out);
        out.printf(Locale.ROOT, "metric quality.table.seeds %d seeds%n", options.tableSeeds);
        out.printf(Locale.ROOT, "metric quality.table.wall_time_s %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** One seed: the generator's seed (unless {@code --data} is given) and the harness's training seed. */
    private static List<QualityPrinter.Metric> runSeed(Options options, long seed, PrintStream out) throws IOException {
        Path dir = options.data != null ? options.data : generate(options, seed, out);
        try {
            long start = System.nanoTime();
            FleetData data = FleetData.load(dir, EdgeIiotFeatures.MODEL);
            out.printf(Locale.ROOT, "loaded %d devices, %d training and %d held-out rows, %d features in %.1f s%n",
                data.train().size(), data.trainRows(), data.holdoutRows(), data.featureNames().size(),
                (System.nanoTime() - start) / 1e9);
            HarnessConfig config = HarnessConfig.defaults().withRounds(options.rounds).withThreads(options.threads)
                .withParticipation(options.participation).withSeed(seed);
            out.printf(Locale.ROOT, "harness: %s%n", config);
            Map<String, String> kinds = DeviceKinds.read(dir);
            QualityHarness harness = new QualityHarness(config, out::println);
            ArmTuning.Choice tuned = null;
            if (options.tune) {
                long tuning = System.nanoTime();
                tuned = ArmTuning.tune(data, kinds, config);
                out.printf(Locale.ROOT, "tuning on validation rows done in %.1f s%n", (System.nanoTime() - tuning) / 1e9);
                tuned.describe().forEach(out::println);
                harness = harness.withArms(tuned.centralized(), tuned.federated(), tuned.localOnly());
            }
            QualityReport report = harness.run(data, kinds);
            new QualityPrinter(out).printTraces(report);
            List<QualityPrinter.Metric> figures = new ArrayList<>(QualityPrinter.metrics(report));
            long gbtStart = System.nanoTime();
            figures.addAll(GbtBaseline.run(data, kinds, config, GbtArm.Settings.defaults())
                .metrics(report.centralized().f1()));
            out.printf(Locale.ROOT, "arm gbt done in %.1f s%n", (System.nanoTime() - gbtStart) / 1e9);
            if (tuned != null) {
                figures.addAll(tuned.metrics());
            }
            figures.addAll(DpCurve.metrics(data, config, report.federated().verdicts().f1(), out::println));
            return figures;
        } finally {
            if (options.data == null) {
                deleteTree(dir);
            }
        }
    }

    private static Path generate(Options options, long seed, PrintStream out) throws IOException {
        Path dir = Files.createTempDirectory("flead-quality-");
        GeneratorConfig config = GeneratorConfig.defaults().withDevices(options.devices).withRows(options.rows)
            .withHoldoutRows(options.holdoutRows).withSeed(seed).withDifficulty(options.difficulty);
        long start = System.nanoTime();
        DeviceDataGenerator.generate(config, dir);
        out.printf(Locale.ROOT, "generated %d devices x %d rows on average (+%d held out), difficulty %s, in %.1f s"
            + " into %s%n", options.devices, options.rows, options.holdoutRows,
            options.difficulty.name().toLowerCase(Locale.ROOT), (System.nanoTime() - start) / 1e9, dir);
        return dir;
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The command-line flags. */
    static final class Options {
        Path data;
        int devices = DEFAULT_DEVICES;
        int rows = GeneratorConfig.DEFAULT_ROWS;
        int holdoutRows = GeneratorConfig.DEFAULT_HOLDOUT_ROWS;
        long seed = GeneratorConfig.DEFAULT_SEED;
        int rounds = 30;
        int threads = 2;
        double participation = 0.25;
        boolean table = true;
        int tableSeeds = NonIidTable.DEFAULT_SEEDS;
        int tableDevices = NonIidTable.Scale.DEFAULT.devices();
        int seeds = DEFAULT_SEEDS;
        Difficulty difficulty = Difficulty.HARD;
        boolean tune = true;
        AttackSection.Options attacks = new AttackSection.Options();
        ForestSection.Options forest = new ForestSection.Options();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--help")) {
                    System.out.println("usage: flead bench quality [--data DIR | --devices N --rows N --holdout-rows N"
                        + " --seed N --difficulty hard|standard] [--seeds N] [--rounds N] [--threads N] [--participation X]"
                        + " [--table on|off] [--table-seeds N] [--table-devices N] [--tune on|off] [--attack-seeds N] [--attack-devices N] [--attack-rows N]"
                        + " [--attack-rounds N] [--forest on|off] [--forest-seeds N] [--forest-devices N]"
                        + " [--forest-rows N] [--forest-rounds N]");
                    return null;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("flag '" + flag + "' needs a value");
                }
                String v = args[++i];
                switch (flag) {
                    case "--data" -> o.data = Path.of(v);
                    case "--devices" -> o.devices = positive(flag, v);
                    case "--rows" -> o.rows = positive(flag, v);
                    case "--holdout-rows" -> o.holdoutRows = positive(flag, v);
                    case "--seed" -> o.seed = Long.parseLong(v);
                    case "--seeds" -> o.seeds = "0".equals(v) ? 0 : positive(flag, v);
                    case "--attack-seeds" -> o.attacks.seeds = "0".equals(v) ? 0 : positive(flag, v);
                    case "--attack-devices" -> o.attacks.devices = positive(flag, v);
                    case "--attack-rows" -> o.attacks.rows = positive(flag, v);
                    case "--attack-rounds" -> o.attacks.rounds = positive(flag, v);
                    case "--difficulty" -> o.difficulty = Difficulty.parse(v);
                    case "--rounds" -> o.rounds = positive(flag, v);
                    case "--threads" -> o.threads = positive(flag, v);
                    case "--participation" -> o.participation = share(flag, v);
                    case "--table" -> o.table = onOff(flag, v);
                    case "--table-seeds" -> o.tableSeeds = "0".equals(v) ? 0 : positive(flag, v);
                    case "--table-devices" -> o.tableDevices = positive(flag, v);
                    case "--tune" -> o.tune = onOff(flag, v);
                    case "--forest" -> o.forest.on = onOff(flag, v);
                    case "--forest-seeds" -> o.forest.seeds = "0".equals(v) ? 0 : positive(flag, v);
                    case "--forest-devices" -> o.forest.devices = positive(flag, v);
                    case "--forest-rows" -> o.forest.rows = positive(flag, v);
                    case "--forest-rounds" -> o.forest.rounds = positive(flag, v);
                    default -> throw new IllegalArgumentException("unknown flag '" + flag + "'");
                }
            }
            return o;
        }

        private static boolean onOff(String flag, String v) {
            return switch (v) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException("Invalid value '" + v + "' for flag '" + flag
                    + "': must be on or off");
            };
        }

        private static double share(String flag, String v) {
            try {
                double x = Double.parseDouble(v);
                if (x > 0 && x <= 1) {
                    return x;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("Invalid value '" + v + "' for flag '" + flag + "': must be in (0, 1]");
        }

        static int positive(String flag, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("Invalid value '" + v + "' for flag '" + flag + "': must be a positive integer");
        }
    }
}
