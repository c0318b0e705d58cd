package io.flead.bench.quality;

import io.flead.bench.BenchFlags;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

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
        PrintStream out = System.out;
        long start = System.nanoTime();
        SeedSummary summary = new SeedSummary();
        for (int k = 0; k < options.seeds; k++) { // --seeds 0 --table-seeds 0: the attack and drift sections only
            long seed = options.seed + k;
            out.printf(Locale.ROOT, "seed %d (%d of %d)%n", seed, k + 1, options.seeds);
            List<QualityPrinter.Metric> figures = runSeed(options, seed, out);
            summary.add(seed, figures, out);
        }
        out.printf(Locale.ROOT, "figures over %d seeds (%d..%d): mean, and the 95%% t-interval's half-width as _ci95%n",
            options.seeds, options.seed, options.seed + options.seeds - 1);
        summary.printMetrics(out);
        out.printf(Locale.ROOT, "metric quality.seeds %d seeds%n", options.seeds);
        if (options.table.on() && options.tableSeeds > 0) {
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
            summary.add(seed, figures, out);
        }
        out.printf(Locale.ROOT, "non-IID table and asynchrony over %d seeds (%d..%d): mean, and the 95%% t-interval's"
            + " half-width as _ci95%n", options.tableSeeds, options.seed, options.seed + options.tableSeeds - 1);
        summary.printMetrics(out);
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
            if (options.tune.on()) {
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

    /** The command-line flags of {@code flead bench quality}, declared once. */
    @Command(name = "quality", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Federated vs centralised vs local-only F1, ROC-AUC, rounds to converge, robustness, drift "
            + "detection, the non-IID table, F1 against epsilon and the attack section, over several seeds."})
    public static final class Options {
        @Option(names = "--data", paramLabel = "DIR",
            description = "an existing datagen output (then only the training seed varies); else generated fleets")
        Path data;
        @Option(names = "--devices", description = "devices per generated fleet (default: ${DEFAULT-VALUE})")
        int devices = DEFAULT_DEVICES;
        @Option(names = "--rows", description = "rows per device, the mean under hard (default: ${DEFAULT-VALUE})")
        int rows = GeneratorConfig.DEFAULT_ROWS;
        @Option(names = "--holdout-rows", description = "held-out rows per device (default: ${DEFAULT-VALUE})")
        int holdoutRows = GeneratorConfig.DEFAULT_HOLDOUT_ROWS;
        @Option(names = "--seed", description = "first seed (default: ${DEFAULT-VALUE})")
        long seed = GeneratorConfig.DEFAULT_SEED;
        @Option(names = "--rounds", description = "federated rounds (default: ${DEFAULT-VALUE})")
        int rounds = 30;
        @Option(names = "--threads", description = "threads (default: ${DEFAULT-VALUE})")
        int threads = 2;
        @Option(names = "--participation", paramLabel = "X",
            description = "share of devices drawn to train in each round, in (0, 1] (default: ${DEFAULT-VALUE})")
        double participation = 0.25;
        @Option(names = "--table", paramLabel = "on|off", arity = "1", converter = OnOff.class,
            description = "the non-IID table and asynchrony figures, on seeds of their own (default: on)")
        Switch table = Switch.ON;
        @Option(names = "--table-seeds", description = "seeds of the non-IID table, from --seed; 0 skips it"
            + " (default: ${DEFAULT-VALUE})")
        int tableSeeds = NonIidTable.DEFAULT_SEEDS;
        @Option(names = "--table-devices", description = "devices per fleet of the non-IID table (default: ${DEFAULT-VALUE})")
        int tableDevices = NonIidTable.Scale.DEFAULT.devices();
        @Option(names = "--seeds", description = "seeds of the main figures; 0 (with --table-seeds 0) runs the attack"
            + " and drift sections only (default: ${DEFAULT-VALUE})")
        int seeds = DEFAULT_SEEDS;
        @Option(names = "--difficulty", paramLabel = "hard|standard", converter = DifficultyFlag.class,
            description = "the generator's difficulty (default: hard)")
        Difficulty difficulty = Difficulty.HARD;
        @Option(names = "--tune", paramLabel = "on|off", arity = "1", converter = OnOff.class,
            description = "each learned arm's rate and epochs chosen on validation rows first (default: on)")
        Switch tune = Switch.ON;
        @Mixin
        AttackSection.Options attacks = new AttackSection.Options();
        @Mixin
        ForestSection.Options forest = new ForestSection.Options();

        /** The flags of {@code args}; errors name the flag and quote the value. */
        static Options parse(String[] args) {
            Options o = BenchFlags.parse(new Options(), args);
            atLeast("--devices", o.devices, 1);
            atLeast("--rows", o.rows, 1);
            atLeast("--holdout-rows", o.holdoutRows, 1);
            atLeast("--rounds", o.rounds, 1);
            atLeast("--threads", o.threads, 1);
            atLeast("--seeds", o.seeds, 0);
            atLeast("--table-seeds", o.tableSeeds, 0);
            atLeast("--table-devices", o.tableDevices, 1);
            if (!(o.participation > 0 && o.participation <= 1)) {
                throw new IllegalArgumentException("Invalid value '" + o.participation
                    + "' for flag '--participation': must be in (0, 1]");
            }
            o.attacks.validate();
            o.forest.validate();
            return o;
        }

        static void atLeast(String flag, long value, long min) {
            if (value < min) {
                throw new IllegalArgumentException("Invalid value '" + value + "' for flag '" + flag + "': must be "
                    + (min == 0 ? "0 or a positive integer" : "a positive integer"));
            }
        }

        /** {@code on} or {@code off}. */
        /**
         * {@code on} or {@code off}. The flags hold this rather than a boolean: picocli reads a boolean option's value
         * itself (as true or false) before any converter sees it, so {@code --tune off} was refused.
         */
        enum Switch {
            ON, OFF;

            boolean on() {
                return this == ON;
            }
        }

        /** Reads {@code on} or {@code off}. */
        static final class OnOff implements ITypeConverter<Switch> {
            @Override
            public Switch convert(String v) {
                return switch (v) {
                    case "on" -> Switch.ON;
                    case "off" -> Switch.OFF;
                    default -> throw new TypeConversionException("'" + v + "' must be on or off");
                };
            }
        }

        /** {@code hard} or {@code standard}, as datagen takes it. */
        static final class DifficultyFlag implements ITypeConverter<Difficulty> {
            @Override
            public Difficulty convert(String v) {
                try {
                    return Difficulty.parse(v);
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException(e.getMessage());
                }
            }
        }
    }
}
