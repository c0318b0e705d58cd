package io.flead.bench.quality;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.GeneratorConfig;
import io.flead.model.EdgeIiotFeatures;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The attack section of {@code flead bench quality}: the {@link AttackSuite} on {@code --attack-seeds} (5) fleets of
 * their own, smaller than the main section's so that the section stays near four minutes on two cores:
 * {@code --attack-devices} (40) devices of {@code --attack-rows} (500) rows on average, 200 held out each, on the
 * generator difficulty of the main section, every device training in each of {@code --attack-rounds} (12) rounds.
 * Figures per seed, then mean and 95% half-width as in the main section, and the section's wall time.
 */
final class AttackSection {
    /** The attack section's flags. */
    static final class Options {
        @Option(names = "--attack-seeds", description = "fleets of the attack section (seeds 42, 43, …); 0 skips it "
            + "(default: ${DEFAULT-VALUE})")
        int seeds = 5;
        @Option(names = "--attack-devices", description = "devices per attack fleet (default: ${DEFAULT-VALUE})")
        int devices = 40;
        @Option(names = "--attack-rows", description = "rows per device of the attack fleets (default: ${DEFAULT-VALUE})")
        int rows = 500;
        @Option(names = "--attack-rounds", description = "rounds of each attack run (default: ${DEFAULT-VALUE})")
        int rounds = 12;

        void validate() {
            QualityBench.Options.atLeast("--attack-seeds", seeds, 0);
            QualityBench.Options.atLeast("--attack-devices", devices, 1);
            QualityBench.Options.atLeast("--attack-rows", rows, 1);
            QualityBench.Options.atLeast("--attack-rounds", rounds, 1);
        }
    }

    private AttackSection() {
    }

    static void run(QualityBench.Options options, PrintStream out) throws IOException {
        Options a = options.attacks;
        if (a.seeds == 0) {
            return;
        }
        long start = System.nanoTime();
        out.printf(Locale.ROOT, "attack section: %d seeds, %d devices x %d rows (+%d held out), %d rounds, every device"
            + " in every round, %s generator%n", a.seeds, a.devices, a.rows, options.holdoutRows, a.rounds,
            options.difficulty.name().toLowerCase(Locale.ROOT));
        SeedSummary summary = new SeedSummary();
        for (int k = 0; k < a.seeds; k++) {
            long seed = options.seed + k;
            Path dir = Files.createTempDirectory("flead-attacks-");
            try {
                DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(a.devices).withRows(a.rows)
                    .withHoldoutRows(options.holdoutRows).withSeed(seed).withDifficulty(options.difficulty), dir);
                FleetData data = FleetData.load(dir, EdgeIiotFeatures.MODEL);
                HarnessConfig config = HarnessConfig.defaults().withRounds(a.rounds).withThreads(options.threads)
                    .withParticipation(1.0).withSeed(seed);
                List<QualityPrinter.Metric> figures = new AttackSuite(config, out::println).run(data);
                summary.add(seed, figures, out);
            } finally {
                QualityBench.deleteTree(dir);
            }
        }
        out.printf(Locale.ROOT, "attack figures over %d seeds: mean, and the 95%% t-interval's half-width as _ci95%n",
            a.seeds);
        summary.printMetrics(out);
        out.printf(Locale.ROOT, "metric quality.attack.seeds %d seeds%n", a.seeds);
        out.printf(Locale.ROOT, "metric quality.attack.wall_time_s %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
