package io.flead.bench.quality;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.Difficulty;
import io.flead.datagen.GeneratorConfig;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.ServerOptimizer;
import io.flead.model.EdgeIiotFeatures;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The non-IID table and the asynchrony comparison, for one seed. For each label skew (datagen's hard mode with
 * Dirichlet(alpha) attack-type mixes per device, alpha in 0.1, 0.5, 1; and IID: no type skew, rows then dealt to
 * devices at random) one fleet is generated, the centralised arm trained on it, and four federated strategies:
 * FedAvg, FedProx (a proximal term on the devices), FedAvgM and FedAdam (server optimisers in fedavg). Each cell is
 * the federated minus the centralised F1 on the same fleet, in points, so that over seeds the interval is that of
 * the paired difference. On the alpha = 0.5 fleet, {@link AsyncArm} then measures the (1+tau)^-0.5 weighting
 * against dropping stale updates under two staleness distributions.
 *
 * <p>To keep the table within a few minutes it runs on smaller fleets and fewer rounds than the main figures
 * ({@link Scale#DEFAULT}).
 */
public final class NonIidTable {
    /** The Dirichlet concentrations of the table's rows; infinity is the IID row. */
    static final double[] ALPHAS = {0.1, 0.5, 1.0, Double.POSITIVE_INFINITY};
    /** FedProx's proximal coefficient mu on the devices. */
    static final double PROX_MU = 0.1;
    /** FedAvgM: server learning rate 1, momentum 0.5 (a step of at most twice the round's change). */
    static final ServerOptimizer FEDAVGM = ServerOptimizer.momentum(1.0, 0.5);
    /** FedAdam: server learning rate 0.05, beta1 0.9, beta2 0.99, tau 0.01. */
    static final ServerOptimizer FEDADAM = ServerOptimizer.adam(0.05, 0.9, 0.99, 0.01);
    static final List<String> STRATEGIES = List.of("fedavg", "fedprox", "fedavgm", "fedadam");
    static final List<StalenessDistribution> STALENESS = List.of(StalenessDistribution.MEASURED,
        StalenessDistribution.HARSH);

    /**
     * Seeds of the table by default. A cell's spread over seeds comes mostly from the fleet drawn (the same fleet's
     * gap moves little with the training seed): measured on the alpha = 0.5 row at 120 devices, a standard deviation
     * of about 0.8 points, so 15 seeds give a 95% half-width near 0.45 points where 5 gave 1.5 at 60 devices.
     */
    public static final int DEFAULT_SEEDS = 15;

    /** The table's fleet and training size. */
    public record Scale(int devices, int rows, int holdoutRows, int rounds, double participation) {
        /**
         * 120 devices of 500 rows on average (200 held out each), 30 rounds with half the devices in each. At 60
         * devices the federated-centralised gap's spread over fleets was half as large again (1.3 points against 0.8).
         */
        public static final Scale DEFAULT = new Scale(120, 500, 200, 30, 0.5);

        public Scale withDevices(int value) {
            return new Scale(value, rows, holdoutRows, rounds, participation);
        }

        String describe() {
            return String.format(Locale.ROOT, "%d devices x %d rows on average (+%d held out), %d rounds, %.0f%% of "
                + "the devices per round", devices, rows, holdoutRows, rounds, participation * 100);
        }
    }

    private final Scale scale;
    private final HarnessConfig config;
    private final Consumer<String> log;

    public NonIidTable(Scale scale, HarnessConfig base, Consumer<String> log) {
        this.scale = scale;
        this.config = base.withRounds(scale.rounds()).withParticipation(scale.participation());
        this.log = log;
    }

    /** Generates the fleets of this seed (the config's) into temporary directories and measures every cell. */
    public List<QualityPrinter.Metric> run() {
        List<QualityPrinter.Metric> out = new ArrayList<>();
        for (double alpha : ALPHAS) {
            FleetData data = generate(alpha);
            if (!Double.isFinite(alpha)) {
                data = data.iidReshuffle(config.seed());
            }
            out.addAll(cells(data, alpha));
        }
        return out;
    }

    private FleetData generate(double alpha) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("flead-noniid-");
            DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(scale.devices()).withRows(scale.rows())
                .withHoldoutRows(scale.holdoutRows()).withSeed(config.seed()).withThreads(config.threads())
                .withDifficulty(Difficulty.HARD).withLabelSkewAlpha(alpha), dir);
            return FleetData.load(dir, EdgeIiotFeatures.MODEL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dir);
        }
    }

    /** One row of the table on {@code data} (and on the alpha = 0.5 row, the asynchrony figures). */
    List<QualityPrinter.Metric> cells(FleetData data, double alpha) {
        long start = System.nanoTime();
        String row = "quality.alpha_" + alphaName(alpha);
        double central = HoldoutEvaluator.evaluate(CentralizedArm.train(data, config), data.holdout()).f1();
        List<QualityPrinter.Metric> out = new ArrayList<>();
        out.add(new QualityPrinter.Metric(row + ".centralized.f1", central, "f1"));
        Map<String, Double> f1 = new java.util.LinkedHashMap<>();
        for (String strategy : STRATEGIES) {
            double f = run(data, strategy);
            f1.put(strategy, f);
            out.add(new QualityPrinter.Metric(row + "." + strategy + ".gap_pp", 100 * (f - central), "pp"));
        }
        if (alpha == 0.5) {
            out.addAll(async(data, f1.get("fedavg")));
        }
        log.accept(String.format(Locale.ROOT, "non-IID row alpha %s done in %.1f s", alphaName(alpha),
            (System.nanoTime() - start) / 1e9));
        return out;
    }

    /** The held-out F1 of one strategy's last model. */
    double run(FleetData data, String strategy) {
        FedAvgSettings plain = FedAvgSettings.defaults().withBounds(5, Double.MAX_VALUE, 1_000_000);
        FederatedArm.Result result = switch (strategy) {
            case "fedavg" -> FederatedArm.run(data, config, plain, 0.0);
            case "fedprox" -> FederatedArm.run(data, config, plain, 0.0, PROX_MU);
            case "fedavgm" -> FederatedArm.run(data, config, plain.withServer(FEDAVGM), 0.0);
            case "fedadam" -> FederatedArm.run(data, config, plain.withServer(FEDADAM), 0.0);
            default -> throw new IllegalArgumentException("unknown strategy '" + strategy + "'");
        };
        return result.verdicts().f1();
    }

    /**
     * F1 of the asynchronous arm per staleness distribution and weighting, and per distribution the weighted minus
     * the dropping F1 in points (paired on the fleet); {@code synchronous} is FedAvg's F1 with every update fresh.
     */
    List<QualityPrinter.Metric> async(FleetData data, double synchronous) {
        List<QualityPrinter.Metric> out = new ArrayList<>();
        out.add(new QualityPrinter.Metric("quality.async.sync.f1", synchronous, "f1"));
        for (StalenessDistribution d : STALENESS) {
            double[] f1 = new double[AsyncArm.Weighting.values().length];
            for (AsyncArm.Weighting w : AsyncArm.Weighting.values()) {
                AsyncArm.Result r = AsyncArm.run(data, config, d, w);
                f1[w.ordinal()] = r.verdicts().f1();
                out.add(new QualityPrinter.Metric("quality.async." + d.name() + "." + w.metricName() + ".f1",
                    r.verdicts().f1(), "f1"));
            }
            out.add(new QualityPrinter.Metric("quality.async." + d.name() + ".weighted_minus_drop_pp",
                100 * (f1[AsyncArm.Weighting.WEIGHTED.ordinal()] - f1[AsyncArm.Weighting.DROP.ordinal()]), "pp"));
        }
        return out;
    }

    /** 0_1, 0_5, 1, iid: the alpha as it appears in metric names. */
    static String alphaName(double alpha) {
        if (!Double.isFinite(alpha)) {
            return "iid";
        }
        String s = alpha == Math.rint(alpha) ? Long.toString((long) alpha) : Double.toString(alpha);
        return s.replace('.', '_');
    }

    /** The table of gaps, mean and 95% half-width over seeds, from the summary's intervals. */
    static void print(List<SeedSummary.Interval> intervals, Scale scale, PrintStream out) {
        Map<String, SeedSummary.Interval> byName = new java.util.HashMap<>();
        intervals.forEach(i -> byName.put(i.name(), i));
        if (!byName.containsKey("quality.alpha_0_1.fedavg.gap_pp")) {
            return;
        }
        out.printf(Locale.ROOT, "non-IID table (hard generator, %s): federated minus centralised F1 in points,"
            + " mean +/- 95%% half-width over seeds (paired on each seed's fleet)%n", scale.describe());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-8s %18s", "alpha", "central F1"));
        STRATEGIES.forEach(s -> header.append(String.format(Locale.ROOT, " %16s", s)));
        out.println(header);
        for (double alpha : ALPHAS) {
            String row = "quality.alpha_" + alphaName(alpha);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s %18s", alphaName(alpha).replace('_', '.'),
                cell(byName.get(row + ".centralized.f1"), "%.4f")));
            STRATEGIES.forEach(s -> line.append(String.format(Locale.ROOT, " %16s",
                cell(byName.get(row + "." + s + ".gap_pp"), "%+.2f"))));
            out.println(line);
        }
    }

    private static String cell(SeedSummary.Interval i, String format) {
        if (i == null) {
            return "-";
        }
        String mean = String.format(Locale.ROOT, format, i.mean());
        return Double.isNaN(i.halfWidth()) ? mean
            : mean + " +/- " + String.format(Locale.ROOT, format.replace("+", ""), i.halfWidth());
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
