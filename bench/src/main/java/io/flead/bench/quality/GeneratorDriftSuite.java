package io.flead.bench.quality;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.Difficulty;
import io.flead.datagen.GenerationReport;
import io.flead.datagen.GeneratorConfig;
import io.flead.driftcheck.core.DriftDetector;
import io.flead.driftcheck.core.DriftFinding;
import io.flead.driftcheck.core.DriftReference;
import io.flead.driftcheck.core.DriftSettings;
import io.flead.driftcheck.core.ReferenceMode;
import io.flead.model.EdgeIiotFeatures;
import io.flead.model.GlobalModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The drift suite on generator devices ({@code datagen --difficulty hard}) through the drift-check core with its
 * default settings: detection delay of each drift kind injected into real generator devices, false alarms on the
 * clean generator devices, and the rounds the federated loop needs to recover after a new attack type appears.
 *
 * <p>Each device is read in the model's feature space; the detector sees the numeric columns drift-check monitors,
 * and the model's verdict on every unlabelled row (a model trained federated on a separate fleet before the new
 * attack type appeared), labelled attack rows staying out as they do in drift-check. Every finding, whatever its method
 * or severity, counts as an alarm.
 */
public final class GeneratorDriftSuite {
    /**
     * How much to run.
     *
     * @param cleanDevices   generator devices run clean (their rows count for false alarms)
     * @param rowsPerDevice  mean rows per clean device
     * @param driftDevices   of those, devices that are also replayed with each drift kind injected
     * @param driftStart     row at which drift starts (after the device's baseline and a full window)
     * @param maxDelay       rows after the start within which a drift must be found, else it counts as missed (and this)
     * @param modelDevices   devices of the fleet the verdict model and the recovery run train on
     * @param preRounds      federated rounds before the new attack type appears
     * @param recoveryRounds federated rounds after it, at most
     * @param seed           base seed of the generated fleets
     */
    public record Plan(int cleanDevices, int rowsPerDevice, int driftDevices, int driftStart, int maxDelay,
                       int modelDevices, int preRounds, int recoveryRounds, long seed) {
        /** The bench: 250 clean devices of about 4,000 rows (about 1M rows), 40 of them drifted per kind. */
        public static Plan full() {
            return new Plan(250, 4_000, 40, 1_500, 3_000, 80, 15, 15, 20261207L);
        }

        /** The test-sized plan. */
        public static Plan scaledDown() {
            return new Plan(30, 3_000, 10, 1_500, 1_500, 40, 8, 8, 7L);
        }
    }

    private final Plan plan;
    private final DriftSettings settings;
    private final Consumer<String> log;

    public GeneratorDriftSuite(Plan plan, DriftSettings settings, Consumer<String> log) {
        this.plan = plan;
        this.settings = settings;
        this.log = log;
    }

    /** Runs the suite: the recovery run first, whose pre-drift model then gives the detector its verdicts. */
    public DriftSuiteFigures run() throws IOException {
        Path models = Files.createTempDirectory("flead-drift-models");
        Path clean = Files.createTempDirectory("flead-drift-clean");
        try {
            long start = System.nanoTime();
            generate(models, plan.modelDevices(), 1_000, 200, plan.seed());
            FleetData fleet = FleetData.load(models, EdgeIiotFeatures.MODEL);
            NewAttackRecovery.Result recovery = new NewAttackRecovery(plan.preRounds(), plan.recoveryRounds(),
                plan.seed()).run(fleet);
            log.accept(String.format(Locale.ROOT, "drift: recovery run (new type %s) in %.1f s",
                AttackTypes.NAMES.get(recovery.newType()), (System.nanoTime() - start) / 1e9));
            start = System.nanoTime();
            GenerationReport report = generate(clean, plan.cleanDevices(), plan.rowsPerDevice(), 0, plan.seed() + 1);
            DeviceReplay replay = new DeviceReplay(new DriftDetector(settings), reference(recovery.preDriftModel()),
                recovery.preDriftModel());
            DriftInjections injections = new DriftInjections(pool(fleet, recovery.newType()), recovery.newType(),
                DriftSettings.DEFAULT_IGNORED_FEATURES, plan.seed());
            Tally tally = new Tally(plan.maxDelay());
            DeviceCsvReader reader = new DeviceCsvReader(EdgeIiotFeatures.MODEL);
            int drifted = 0;
            for (var device : report.devices()) {
                DeviceRows rows = reader.read(clean.resolve(device.trainingFile()), device.deviceId());
                tally.clean(rows.n(), replay.run(rows));
                if (drifted < plan.driftDevices() && rows.n() >= plan.driftStart() + plan.maxDelay()) {
                    drifted++;
                    for (DriftKind kind : DriftKind.values()) {
                        DriftInjections.Injected injected = injections.inject(rows, kind, plan.driftStart());
                        tally.delay(kind, replay.delay(injected, plan.driftStart(), plan.maxDelay()));
                    }
                }
            }
            log.accept(String.format(Locale.ROOT, "drift: %d clean devices (%d rows), %d drifted per kind, in %.1f s",
                report.devices().size(), tally.cleanRows, drifted, (System.nanoTime() - start) / 1e9));
            return tally.figures(recovery);
        } finally {
            deleteTree(models);
            deleteTree(clean);
        }
    }

    /** The reference drift-check runs with in device mode: the model's monitored (non-indicator) features. */
    static DriftReference reference(GlobalModel model) {
        return DriftReference.forMode(model, ReferenceMode.DEVICE);
    }

    /** Up to 5,000 training rows of the new attack type, from every device that has it. */
    private static List<float[]> pool(FleetData fleet, int type) {
        List<float[]> out = new ArrayList<>();
        for (DeviceRows d : fleet.train()) {
            for (int i = 0; i < d.n() && out.size() < 5_000; i++) {
                if (d.type()[i] == type) {
                    out.add(java.util.Arrays.copyOfRange(d.x(), i * d.d(), (i + 1) * d.d()));
                }
            }
        }
        return out;
    }

    private static GenerationReport generate(Path dir, int devices, int rows, int holdout, long seed) {
        GeneratorConfig config = GeneratorConfig.defaults().withDevices(devices).withRows(rows).withHoldoutRows(holdout)
            .withSeed(seed).withDifficulty(Difficulty.HARD).withThreads(2);
        return DeviceDataGenerator.generate(config, dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Alarms on clean devices and delays per kind. */
    private static final class Tally {
        private final int maxDelay;
        private long cleanRows;
        private long cleanAlarms;
        private long cleanAlertSeverity;
        private int cleanDevices;
        private int cleanDevicesAlarming;
        private final java.util.Map<String, Long> cleanByMethod = new java.util.TreeMap<>();
        private final long[] delaySum = new long[DriftKind.values().length];
        private final int[] runs = new int[DriftKind.values().length];
        private final int[] missed = new int[DriftKind.values().length];

        Tally(int maxDelay) {
            this.maxDelay = maxDelay;
        }

        void clean(int rows, List<DriftFinding> findings) {
            cleanRows += rows;
            cleanDevices++;
            cleanAlarms += findings.size();
            cleanAlertSeverity += findings.stream().filter(f -> f.severity() == io.flead.driftcheck.core.Severity.ALERT)
                .count();
            cleanDevicesAlarming += findings.isEmpty() ? 0 : 1;
            findings.forEach(f -> cleanByMethod.merge(f.method(), 1L, Long::sum));
        }

        void delay(DriftKind kind, int delay) {
            int k = kind.ordinal();
            runs[k]++;
            if (delay < 0) {
                missed[k]++;
                delaySum[k] += maxDelay;
            } else {
                delaySum[k] += delay;
            }
        }

        DriftSuiteFigures figures(NewAttackRecovery.Result recovery) {
            List<DriftSuiteFigures.KindDelay> delays = new ArrayList<>();
            for (DriftKind kind : DriftKind.values()) {
                int k = kind.ordinal();
                delays.add(new DriftSuiteFigures.KindDelay(kind.metricName(), runs[k] == 0 ? Double.NaN
                    : (double) delaySum[k] / runs[k], runs[k], missed[k]));
            }
            return new DriftSuiteFigures(delays, cleanRows, cleanAlarms, cleanAlertSeverity, cleanDevices,
                cleanDevicesAlarming, cleanByMethod, recovery);
        }
    }
}
