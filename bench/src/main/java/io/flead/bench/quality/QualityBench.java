package io.flead.bench.quality;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.GeneratorConfig;
import io.flead.model.EdgeIiotFeatures;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code flead bench quality}: generates (or reads) a datagen fleet, runs the {@link QualityHarness} and
 * prints {@code metric <name> <value> <unit>} lines; then prints the drift figures of {@link DriftQuality}.
 *
 * <p>Flags: {@code --data DIR} (an existing datagen output), else {@code --devices N} (2400),
 * {@code --rows N} (1000), {@code --holdout-rows N} (200), {@code --seed N} (42); and {@code --rounds N} (30),
 * {@code --threads N} (2), {@code --participation X} (0.25: the share of devices drawn to train in each round).
 */
public final class QualityBench {
    private QualityBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options == null) {
            return;
        }
        PrintStream out = System.out;
        Path dir = options.data != null ? options.data : generate(options, out);
        try {
            long start = System.nanoTime();
            FleetData data = FleetData.load(dir, EdgeIiotFeatures.MODEL);
            out.printf(Locale.ROOT, "loaded %d devices, %d training and %d held-out rows, %d features in %.1f s%n",
                data.train().size(), data.trainRows(), data.holdoutRows(), data.featureNames().size(),
                (System.nanoTime() - start) / 1e9);
            HarnessConfig config = HarnessConfig.defaults().withRounds(options.rounds).withThreads(options.threads)
                .withParticipation(options.participation);
            out.printf(Locale.ROOT, "harness: %s%n", config);
            QualityReport report = new QualityHarness(config, out::println).run(data);
            new QualityPrinter(out).print(report);
        } finally {
            if (options.data == null) {
                deleteTree(dir);
            }
        }
        DriftQuality.metricLines(false).forEach(out::println);
    }

    private static Path generate(Options options, PrintStream out) throws IOException {
        Path dir = Files.createTempDirectory("flead-quality-");
        GeneratorConfig config = GeneratorConfig.defaults().withDevices(options.devices).withRows(options.rows)
            .withHoldoutRows(options.holdoutRows).withSeed(options.seed);
        long start = System.nanoTime();
        DeviceDataGenerator.generate(config, dir);
        out.printf(Locale.ROOT, "generated %d devices x %d rows (+%d held out) in %.1f s into %s%n", options.devices,
            options.rows, options.holdoutRows, (System.nanoTime() - start) / 1e9, dir);
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The command-line flags. */
    static final class Options {
        Path data;
        int devices = GeneratorConfig.DEFAULT_DEVICES;
        int rows = GeneratorConfig.DEFAULT_ROWS;
        int holdoutRows = GeneratorConfig.DEFAULT_HOLDOUT_ROWS;
        long seed = GeneratorConfig.DEFAULT_SEED;
        int rounds = 30;
        int threads = 2;
        double participation = 0.25;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--help")) {
                    System.out.println("usage: flead bench quality [--data DIR | --devices N --rows N --holdout-rows N"
                        + " --seed N] [--rounds N] [--threads N] [--participation X]");
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
                    case "--rounds" -> o.rounds = positive(flag, v);
                    case "--threads" -> o.threads = positive(flag, v);
                    case "--participation" -> o.participation = share(flag, v);
                    default -> throw new IllegalArgumentException("unknown flag '" + flag + "'");
                }
            }
            return o;
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

        private static int positive(String flag, String v) {
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
