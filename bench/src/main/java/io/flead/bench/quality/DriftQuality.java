package io.flead.bench.quality;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.DeviceShare;
import io.flead.datagen.DeviceSummary;
import io.flead.datagen.GenerationReport;
import io.flead.datagen.GeneratorConfig;
import io.flead.driftcheck.core.DeviceDriftState;
import io.flead.driftcheck.core.DriftDetector;
import io.flead.driftcheck.core.DriftFinding;
import io.flead.driftcheck.core.DriftReference;
import io.flead.driftcheck.core.DriftSettings;
import io.flead.driftcheck.core.ReferenceMode;
import io.flead.model.EdgeIiotFeatures;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.ReferenceHistogram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The drift section of {@code flead bench quality}: {@link #metricLines} runs the {@link GeneratorDriftSuite} on
 * generator devices. The rest of this class, kept for its tests, measures drift quality on seeded synthetic streams: detection delay after a 1σ mean step in one feature, and
 * false alarms on stationary streams, with the drift-check core and its default settings.
 *
 * <p>Features mix shapes met in device telemetry (normal, exponential, Poisson counts, 0/1 flags);
 * the reference is what a global model carries: pooled statistics and a reference histogram of a
 * separate reference sample. Every alert counts as an alarm, whatever its method or severity.
 *
 * <p>A second part runs the detector over a {@code datagen} fleet with drifted devices: the fleet's
 * reference is pooled from all training rows, the {@code Attack_label} stands in for the scorer's
 * anomaly flag, and a drifted device counts as detected when a PSI or mean-shift alert names one of
 * its drifted features after its drift start.
 */
public final class DriftQuality {
    static final int FEATURES = 10;
    private static final long ROW_MS = 1_000;
    private static final double ANOMALY_RATE = 0.02;
    private static final int REFERENCE_ROWS = 20_000;

    /**
     * How much to run.
     *
     * @param delayRuns        seeded runs of a stream with a step, each on one feature in turn
     * @param maxRowsAfterStep a run that has not alerted on the stepped feature by then counts as missed (and this delay)
     * @param devices          stationary devices
     * @param rowsPerDevice    rows per stationary device
     * @param seed             base seed
     */
    public record Plan(int delayRuns, int maxRowsAfterStep, int devices, int rowsPerDevice, long seed) {
        /** The full harness: 50 step runs, 1,000,000 stationary samples. */
        public static Plan full() {
            return new Plan(50, 2_000, 100, 10_000, 20261122L);
        }

        /** The scaled-down harness run as a test: 20 step runs, 200,000 stationary samples. */
        public static Plan scaledDown() {
            return new Plan(20, 2_000, 20, 10_000, 7L);
        }
    }

    /**
     * The measured figures.
     *
     * @param detectionDelaySamples mean rows after the step until the first alert on the stepped feature
     * @param missedRuns            runs without such an alert within the plan's bound
     * @param delayByMethod         mean delay of each method's first alert, over the runs where it alerted
     * @param falseAlarmsPer10k     alerts per 10,000 stationary samples
     * @param stationarySamples     stationary samples checked
     * @param falseAlarmsByMethod   stationary alerts by method
     */
    public record Figures(double detectionDelaySamples, int missedRuns, Map<String, Double> delayByMethod,
                          double falseAlarmsPer10k, long stationarySamples, Map<String, Long> falseAlarmsByMethod) {

        /** The figures as {@code metric <name><suffix> <value> <unit>} lines. */
        public List<String> metricLines(String suffix) {
            List<String> lines = new ArrayList<>();
            lines.add(metric("drift.detection_delay_samples" + suffix, detectionDelaySamples, "samples"));
            delayByMethod.forEach((m, d) -> lines.add(metric("drift.detection_delay_samples." + m + suffix, d, "samples")));
            lines.add(metric("drift.missed_steps" + suffix, missedRuns, "runs"));
            lines.add(metric("drift.false_alarms_per_10k" + suffix, falseAlarmsPer10k, "alarms"));
            falseAlarmsByMethod.forEach((m, n) -> lines.add(metric("drift.false_alarms." + m + suffix, n, "alarms")));
            lines.add(metric("drift.stationary_samples" + suffix, stationarySamples, "samples"));
            return lines;
        }

        public List<String> metricLines() {
            return metricLines("");
        }
    }

    /**
     * Figures of one detector run over a datagen fleet.
     *
     * @param driftedDevices            devices generated with drift
     * @param driftedDetected           of those, devices with an alert naming a drifted feature after the drift start
     * @param detectionDelayRows        mean rows from the drift start to that alert, over detected devices
     * @param cleanDevices              devices generated without drift
     * @param cleanDevicesAlerting      of those, devices with at least one PSI or mean-shift alert
     * @param featureAlertsPerClean     PSI and mean-shift alerts per clean device
     * @param pageHinkleyAlertsPerClean anomaly-rate alerts per clean device (attack episodes raise them)
     */
    public record FleetFigures(int driftedDevices, int driftedDetected, double detectionDelayRows, int cleanDevices,
                               int cleanDevicesAlerting, double featureAlertsPerClean, double pageHinkleyAlertsPerClean) {

        public double detectedShare() {
            return driftedDevices == 0 ? 0.0 : (double) driftedDetected / driftedDevices;
        }

        public double cleanAlertingShare() {
            return cleanDevices == 0 ? 0.0 : (double) cleanDevicesAlerting / cleanDevices;
        }

        /** The figures as {@code metric drift.datagen.<name><suffix> <value> <unit>} lines. */
        public List<String> metricLines(String suffix) {
            return List.of(
                metric("drift.datagen.drifted_devices" + suffix, driftedDevices, "devices"),
                metric("drift.datagen.drifted_detected_share" + suffix, detectedShare(), "share"),
                metric("drift.datagen.detection_delay_rows" + suffix, detectionDelayRows, "rows"),
                metric("drift.datagen.clean_devices" + suffix, cleanDevices, "devices"),
                metric("drift.datagen.clean_alerting_share" + suffix, cleanAlertingShare(), "share"),
                metric("drift.datagen.feature_alerts_per_clean_device" + suffix, featureAlertsPerClean, "alerts"),
                metric("drift.datagen.anomaly_rate_alerts_per_clean_device" + suffix, pageHinkleyAlertsPerClean, "alerts"));
        }
    }

    private static String metric(String name, double value, String unit) {
        return String.format(Locale.ROOT, "metric %s %.3f %s", name, value, unit);
    }

    private DriftQuality() {
    }

    /**
     * Prints the drift figures; {@code --scaled-down} runs the test-sized plan, {@code key=value} arguments override
     * drift-check settings ({@link DriftSettings#fromMap}), to try other defaults.
     */
    public static void main(String[] args) throws IOException {
        boolean small = List.of(args).contains("--scaled-down");
        Map<String, String> overrides = new TreeMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                overrides.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        metricLines(small, DriftSettings.fromMap(overrides)).forEach(System.out::println);
    }

    /**
     * The drift figures {@code flead bench quality} prints: the {@link GeneratorDriftSuite} on generator devices with
     * the default settings. The synthetic streams and the datagen-drift fleet below stay for the tests.
     */
    public static List<String> metricLines(boolean scaledDown) throws IOException {
        return metricLines(scaledDown, DriftSettings.DEFAULTS);
    }

    /** The same with other drift-check settings. */
    public static List<String> metricLines(boolean scaledDown, DriftSettings settings) throws IOException {
        GeneratorDriftSuite.Plan plan = scaledDown ? GeneratorDriftSuite.Plan.scaledDown() : GeneratorDriftSuite.Plan.full();
        long start = System.nanoTime();
        List<String> lines = new ArrayList<>(new GeneratorDriftSuite(plan, settings, System.out::println)
            .run().metricLines());
        lines.add(metric("drift.wall_time_s", (System.nanoTime() - start) / 1e9, "s"));
        return lines;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A datagen fleet of {@code devices} devices, a tenth of them drifting after 70% of their training rows. */
    public static GeneratorConfig fleetConfig(int devices) {
        return GeneratorConfig.defaults().withDevices(devices).withRows(1_000).withHoldoutRows(200).withSeed(42)
            .withDrift(DeviceShare.count(Math.max(1, devices / 10)), 0.7).withThreads(1);
    }

    /** Runs the plan with the given detector settings. */
    public static Figures measure(Plan plan, DriftSettings settings) {
        DriftDetector detector = new DriftDetector(settings);
        DriftReference reference = reference(new Random(plan.seed()));
        DelayTally delays = new DelayTally();
        for (int run = 0; run < plan.delayRuns(); run++) {
            delays.add(stepRun(detector, reference, run % FEATURES, plan.maxRowsAfterStep(),
                new Random(plan.seed() + 1_000 + run)));
        }
        Map<String, Long> alarms = new TreeMap<>();
        for (int d = 0; d < plan.devices(); d++) {
            stationaryRun(detector, reference, "stationary-" + d, plan.rowsPerDevice(),
                new Random(plan.seed() + 1_000_000 + d), alarms);
        }
        long samples = (long) plan.devices() * plan.rowsPerDevice();
        long total = alarms.values().stream().mapToLong(Long::longValue).sum();
        return new Figures(delays.meanDelay(plan.maxRowsAfterStep()), delays.missed, delays.meanByMethod(),
            samples == 0 ? 0.0 : total * 10_000.0 / samples, samples, alarms);
    }

    /** The reference a global model would carry: stats and histogram of a separate sample of the same streams. */
    static DriftReference reference(Random rnd) {
        FeatureStats stats = new FeatureStats(FEATURES);
        double[][] rows = new double[REFERENCE_ROWS][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(rnd, -1, 0.0);
            stats.add(rows[i]);
        }
        ReferenceHistogram hist = ReferenceHistogram.relativeTo(1, stats);
        for (double[] r : rows) {
            hist.add(r);
        }
        List<String> names = IntStream.range(0, FEATURES).mapToObj(DriftQuality::featureName).toList();
        GlobalModel model = new GlobalModel(1, 1, 0L, "fedavg", 1, REFERENCE_ROWS, names, new double[0], 0.0, stats,
            GlobalModel.PRIOR_THRESHOLD, null, null, hist);
        return DriftReference.of(model);
    }

    /** One stream: a random stationary prefix (over a full window), then a 1σ step on one feature. */
    private static StepResult stepRun(DriftDetector detector, DriftReference ref, int feature, int maxAfter, Random rnd) {
        DeviceDriftState state = detector.empty("step-" + feature);
        int before = detector.settings().windowRows() + 500 + rnd.nextInt(detector.settings().checkEveryRows());
        long t = 0;
        for (int i = 0; i < before; i++, t++) {
            detector.add(state, ref, row(rnd, -1, 0.0), rnd.nextDouble() < ANOMALY_RATE, t * ROW_MS);
            detector.check(state, ref, t * ROW_MS);
        }
        double shift = ref.feature(feature).std();
        StepResult result = new StepResult();
        for (int k = 1; k <= maxAfter && !result.allMethodsSeen(); k++, t++) {
            detector.add(state, ref, row(rnd, feature, shift), rnd.nextDouble() < ANOMALY_RATE, t * ROW_MS);
            for (DriftFinding f : detector.check(state, ref, t * ROW_MS)) {
                if (f.feature().equals(featureName(feature))) {
                    result.seen(f.method(), k);
                }
            }
        }
        return result;
    }

    private static void stationaryRun(DriftDetector detector, DriftReference ref, String device, int rows, Random rnd,
                                      Map<String, Long> alarms) {
        DeviceDriftState state = detector.empty(device);
        for (int t = 0; t < rows; t++) {
            detector.add(state, ref, row(rnd, -1, 0.0), rnd.nextDouble() < ANOMALY_RATE, t * ROW_MS);
            for (DriftFinding f : detector.check(state, ref, t * ROW_MS)) {
                alarms.merge(f.method(), 1L, Long::sum);
            }
        }
    }

    /** One device's rows (training then held-out) in the order of {@link EdgeIiotFeatures#NUMERIC}, and labels. */
    public record DeviceStream(DeviceSummary device, List<double[]> rows, List<Boolean> attacks) {
    }

    /** Reads every device's training and held-out files of a generated fleet. */
    public static List<DeviceStream> readFleet(GenerationReport report) {
        List<DeviceStream> out = new ArrayList<>();
        for (DeviceSummary d : report.devices()) {
            List<double[]> rows = new ArrayList<>();
            List<Boolean> attacks = new ArrayList<>();
            readCsv(report.outDir().resolve(d.trainingFile()), rows, attacks);
            if (d.holdoutFile() != null) {
                readCsv(report.outDir().resolve(d.holdoutFile()), rows, attacks);
            }
            out.add(new DeviceStream(d, rows, attacks));
        }
        return out;
    }

    private static void readCsv(Path file, List<double[]> rows, List<Boolean> attacks) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read device file '" + file + "'", e);
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        int[] columns = EdgeIiotFeatures.NUMERIC.stream().mapToInt(header::indexOf).toArray();
        int label = header.indexOf("Attack_label");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            double[] row = new double[columns.length];
            for (int j = 0; j < columns.length; j++) {
                row[j] = columns[j] < 0 ? Double.NaN : number(cells[columns[j]]);
            }
            rows.add(row);
            attacks.add(number(cells[label]) == 1.0);
        }
    }

    private static double number(String cell) {
        try {
            return Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Runs the detector over every device of a fleet against the fleet's pooled reference. */
    public static FleetFigures measureFleet(GenerationReport report, List<DeviceStream> fleet, DriftSettings settings) {
        DriftReference reference = fleetReference(fleet);
        DriftDetector detector = new DriftDetector(settings);
        FleetTally tally = new FleetTally();
        for (DeviceStream d : fleet) {
            List<Integer> alertRows = new ArrayList<>();
            List<DriftFinding> findings = runDevice(detector, reference, d, alertRows);
            if (d.device().drift() != null) {
                tally.drifted(firstDriftedFeatureAlert(d.device(), findings, alertRows));
            } else {
                tally.clean(findings);
            }
        }
        return tally.figures();
    }

    /** Counts over a fleet's devices. */
    private static final class FleetTally {
        private int drifted;
        private int detected;
        private long delaySum;
        private int clean;
        private int cleanAlerting;
        private long cleanFeatureAlerts;
        private long cleanPhAlerts;

        void drifted(int delay) {
            drifted++;
            if (delay >= 0) {
                detected++;
                delaySum += delay;
            }
        }

        void clean(List<DriftFinding> findings) {
            clean++;
            long features = findings.stream().filter(f -> !f.method().equals(DriftFinding.PAGE_HINKLEY)).count();
            cleanFeatureAlerts += features;
            cleanPhAlerts += findings.size() - features;
            cleanAlerting += features > 0 ? 1 : 0;
        }

        FleetFigures figures() {
            return new FleetFigures(drifted, detected, detected == 0 ? 0.0 : (double) delaySum / detected, clean,
                cleanAlerting, clean == 0 ? 0.0 : (double) cleanFeatureAlerts / clean,
                clean == 0 ? 0.0 : (double) cleanPhAlerts / clean);
        }
    }

    private static DriftReference fleetReference(List<DeviceStream> fleet) {
        int k = EdgeIiotFeatures.NUMERIC.size();
        FeatureStats stats = new FeatureStats(k);
        for (DeviceStream d : fleet) {
            d.rows().subList(0, d.device().trainingRows()).forEach(stats::add);
        }
        ReferenceHistogram hist = ReferenceHistogram.relativeTo(1, stats);
        for (DeviceStream d : fleet) {
            d.rows().subList(0, d.device().trainingRows()).forEach(hist::add);
        }
        GlobalModel model = new GlobalModel(1, 1, 0L, "fedavg", fleet.size(), stats.rows(), EdgeIiotFeatures.NUMERIC,
            new double[0], 0.0, stats, GlobalModel.PRIOR_THRESHOLD, null, null, hist);
        return DriftReference.of(model);
    }

    private static List<DriftFinding> runDevice(DriftDetector detector, DriftReference ref, DeviceStream d,
                                                List<Integer> alertRows) {
        DeviceDriftState state = detector.empty(d.device().deviceId());
        List<DriftFinding> out = new ArrayList<>();
        for (int t = 0; t < d.rows().size(); t++) {
            detector.add(state, ref, d.rows().get(t), d.attacks().get(t), t * ROW_MS);
            for (DriftFinding f : detector.check(state, ref, t * ROW_MS)) {
                out.add(f);
                alertRows.add(t);
            }
        }
        return out;
    }

    /** Rows from the drift start to the first PSI/mean-shift alert naming a drifted feature, or -1. */
    private static int firstDriftedFeatureAlert(DeviceSummary device, List<DriftFinding> findings, List<Integer> rows) {
        Set<String> drifted = new HashSet<>(device.drift().featureNames());
        int start = device.drift().startRow();
        for (int i = 0; i < findings.size(); i++) {
            if (rows.get(i) >= start && drifted.contains(findings.get(i).feature())) {
                return rows.get(i) - start;
            }
        }
        return -1;
    }

    static String featureName(int i) {
        return switch (i % 5) {
            case 0, 1 -> "normal_" + i;
            case 2 -> "exponential_" + i;
            case 3 -> "poisson_" + i;
            default -> "flag_" + i;
        };
    }

    /** One synthetic row; {@code shift} is added to feature {@code shifted} (-1: none). */
    static double[] row(Random rnd, int shifted, double shift) {
        double[] x = new double[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            x[i] = sample(rnd, i) + (i == shifted ? shift : 0.0);
        }
        return x;
    }

    private static double sample(Random rnd, int i) {
        return switch (i % 5) {
            case 0, 1 -> 50.0 + 5.0 * rnd.nextGaussian();
            case 2 -> -2.0 * Math.log(1.0 - rnd.nextDouble());
            case 3 -> poisson(rnd, 3.0);
            default -> rnd.nextDouble() < 0.2 ? 1.0 : 0.0;
        };
    }

    private static double poisson(Random rnd, double mean) {
        double limit = Math.exp(-mean);
        double product = rnd.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= rnd.nextDouble();
            k++;
        }
        return k;
    }

    /** First alert row after the step, overall and per method, of one run. */
    private static final class StepResult {
        private final Map<String, Integer> firstByMethod = new TreeMap<>();

        void seen(String method, int rowsAfterStep) {
            firstByMethod.putIfAbsent(method, rowsAfterStep);
        }

        boolean allMethodsSeen() {
            return firstByMethod.containsKey(DriftFinding.PSI) && firstByMethod.containsKey(DriftFinding.MEAN_SHIFT);
        }

        Integer first() {
            return firstByMethod.values().stream().min(Integer::compare).orElse(null);
        }
    }

    /** Delays over runs. */
    private static final class DelayTally {
        private final List<Integer> firsts = new ArrayList<>();
        private final Map<String, List<Integer>> byMethod = new TreeMap<>();
        private int missed;

        void add(StepResult r) {
            Integer first = r.first();
            if (first == null) {
                missed++;
            } else {
                firsts.add(first);
            }
            r.firstByMethod.forEach((m, k) -> byMethod.computeIfAbsent(m, x -> new ArrayList<>()).add(k));
        }

        double meanDelay(int missedAs) {
            int runs = firsts.size() + missed;
            return runs == 0 ? 0.0 : (firsts.stream().mapToLong(Integer::longValue).sum() + (long) missed * missedAs) / (double) runs;
        }

        Map<String, Double> meanByMethod() {
            Map<String, Double> out = new TreeMap<>();
            byMethod.forEach((m, ks) -> out.put(m, ks.stream().mapToInt(Integer::intValue).average().orElse(0)));
            return out;
        }
    }
}
