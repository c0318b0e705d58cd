package io.flead.bench.quality;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.GeneratorConfig;
import io.flead.model.EdgeIiotFeatures;
import io.flead.model.JsonCodec;
import io.flead.model.forest.ForestModel;
import io.flead.model.forest.ForestSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The label-free section of {@code flead bench quality} ({@code --forest on|off}): the forest kind's {@link ForestArms}
 * on {@code --forest-seeds} (5) fleets of their own, {@code --forest-devices} (40) devices of {@code --forest-rows}
 * (500) rows on average, held-out rows as in the main section, the main section's generator difficulty, and
 * {@code --forest-rounds} (3) federated rounds. No arm sees a label: the labels only score the arms, as
 * {@code quality.forest.<arm>.roc_auc}, {@code .pr_auc} and {@code .f1} at the threshold the arm chose, on held-out
 * rows of the training devices, on devices left out of training ({@code unseen}, a fifth of the fleet), and as recall
 * of held-out attacks of a type a device never showed in its training rows ({@code novel}). Also the sizes of the
 * largest update and of the final global model as JSON.
 */
final class ForestSection {
    /** The forest section's flags. */
    static final class Options {
        @Option(names = "--forest", paramLabel = "on|off", arity = "1", converter = QualityBench.Options.OnOff.class,
            description = "the label-free forest section (default: on)")
        QualityBench.Options.Switch on = QualityBench.Options.Switch.ON;
        @Option(names = "--forest-seeds", description = "fleets of the forest section (seeds 42, 43, …); 0 skips it "
            + "(default: ${DEFAULT-VALUE})")
        int seeds = 5;
        @Option(names = "--forest-devices", description = "devices per forest fleet (default: ${DEFAULT-VALUE})")
        int devices = 40;
        @Option(names = "--forest-rows", description = "rows per device of the forest fleets (default: ${DEFAULT-VALUE})")
        int rows = 500;
        @Option(names = "--forest-rounds", description = "federated forest rounds (default: ${DEFAULT-VALUE})")
        int rounds = 3;

        void validate() {
            QualityBench.Options.atLeast("--forest-seeds", seeds, 0);
            QualityBench.Options.atLeast("--forest-devices", devices, 1);
            QualityBench.Options.atLeast("--forest-rows", rows, 1);
            QualityBench.Options.atLeast("--forest-rounds", rounds, 1);
        }
    }

    static final double UNSEEN_SHARE = 0.2;

    private ForestSection() {
    }

    static void run(QualityBench.Options options, PrintStream out) throws IOException {
        Options f = options.forest;
        if (!f.on.on() || f.seeds == 0) {
            return;
        }
        long start = System.nanoTime();
        ForestSettings settings = ForestSettings.defaults();
        out.printf(Locale.ROOT, "forest section: %d seeds, %d devices x %d rows (+%d held out), %d rounds, %s generator,"
            + " %s, no labels in training%n", f.seeds, f.devices, f.rows, options.holdoutRows, f.rounds,
            options.difficulty.name().toLowerCase(Locale.ROOT), settings);
        SeedSummary summary = new SeedSummary();
        for (int k = 0; k < f.seeds; k++) {
            long seed = options.seed + k;
            Path dir = Files.createTempDirectory("flead-forest-");
            try {
                DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(f.devices).withRows(f.rows)
                    .withHoldoutRows(options.holdoutRows).withSeed(seed).withDifficulty(options.difficulty), dir);
                FleetData data = FleetData.load(dir, EdgeIiotFeatures.MODEL);
                List<QualityPrinter.Metric> figures = figures(data, settings, f.rounds, seed);
                summary.add(seed, figures, out);
            } finally {
                QualityBench.deleteTree(dir);
            }
        }
        out.printf(Locale.ROOT, "forest figures over %d seeds: mean, and the 95%% t-interval's half-width as _ci95%n",
            f.seeds);
        summary.printMetrics(out);
        out.printf(Locale.ROOT, "metric quality.forest.seeds %d seeds%n", f.seeds);
        out.printf(Locale.ROOT, "metric quality.forest.wall_time_s %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** One fleet's figures: every arm on the training devices' held-out rows, on unseen devices and novel attacks. */
    static List<QualityPrinter.Metric> figures(FleetData data, ForestSettings settings, int rounds, long seed) {
        ForestArms arms = new ForestArms(settings, rounds, seed);
        List<String> names = data.featureNames();
        List<QualityPrinter.Metric> m = new ArrayList<>();
        ForestModel federated = arms.federated(data.train(), names);
        ForestArms.Centralised central = arms.centralised(data.train());
        ForestScores fed = ForestArms.score(federated.scorer(), federated.threshold(), data.holdout());
        ForestScores cen = ForestArms.score(central.scorer(), central.threshold(), data.holdout());
        ForestScores local = arms.local(data.train(), data.holdout());
        ForestScores maxZ = ForestArms.maxZ(data.train(), data.holdout(), names);
        add(m, "federated", fed);
        add(m, "centralized", cen);
        add(m, "local", local);
        add(m, "max_z", maxZ);
        m.add(new QualityPrinter.Metric("quality.forest.federated_minus_centralized.roc_auc",
            100 * (fed.rocAuc() - cen.rocAuc()), "pp"));
        m.add(new QualityPrinter.Metric("quality.forest.federated_minus_max_z.f1", 100 * (fed.f1() - maxZ.f1()),
            "pp"));
        m.add(new QualityPrinter.Metric("quality.forest.model_bytes", JsonCodec.encode(federated).length, "bytes"));

        List<DeviceRows> novel = NovelAttacks.rows(data);
        m.add(new QualityPrinter.Metric("quality.forest.novel.federated.recall",
            recall(ForestArms.score(federated.scorer(), federated.threshold(), novel)), "ratio"));
        m.add(new QualityPrinter.Metric("quality.forest.novel.centralized.recall",
            recall(ForestArms.score(central.scorer(), central.threshold(), novel)), "ratio"));
        m.add(new QualityPrinter.Metric("quality.forest.novel.max_z.recall",
            recall(ForestArms.maxZ(data.train(), novel, names)), "ratio"));

        FleetData.DeviceSplit split = data.holdOutDevices(UNSEEN_SHARE, seed);
        ForestModel seenFed = arms.federated(split.seen().train(), names);
        ForestArms.Centralised seenCen = arms.centralised(split.seen().train());
        add(m, "unseen.federated", ForestArms.score(seenFed.scorer(), seenFed.threshold(), split.unseen()));
        add(m, "unseen.centralized", ForestArms.score(seenCen.scorer(), seenCen.threshold(), split.unseen()));
        add(m, "unseen.max_z", ForestArms.maxZ(split.seen().train(), split.unseen(), names));
        return m;
    }

    private static void add(List<QualityPrinter.Metric> m, String arm, ForestScores s) {
        m.add(new QualityPrinter.Metric("quality.forest." + arm + ".roc_auc", s.rocAuc(), "ratio"));
        m.add(new QualityPrinter.Metric("quality.forest." + arm + ".pr_auc", s.prAuc(), "ratio"));
        m.add(new QualityPrinter.Metric("quality.forest." + arm + ".f1", s.f1(), "ratio"));
    }

    /** The share of rows (all attacks here) called anomalous; NaN when there are none. */
    static double recall(ForestScores s) {
        if (s.scores().length == 0) {
            return Double.NaN;
        }
        long flagged = 0;
        for (int i = 0; i < s.scores().length; i++) {
            flagged += s.scores()[i] > s.thresholds()[i] ? 1 : 0;
        }
        return (double) flagged / s.scores().length;
    }
}
