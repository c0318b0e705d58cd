package io.flead.driftcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.ReferenceHistogram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {
    private static final int K = 10;
    private static final long ROW_MS = 100;
    private static final DriftSettings GLOBAL = DriftSettings.DEFAULTS.withReferenceMode(ReferenceMode.GLOBAL);
    private DriftDetector detector = new DriftDetector(GLOBAL);
    private final Random rnd = new Random(42);

    private static DriftReference standardNormal(long version, int k) {
        List<FeatureReference> refs = IntStream.range(0, k)
            .mapToObj(i -> FeatureReference.normal("f" + i, 100_000, 0.0, 1.0)).toList();
        return new DriftReference(version, refs);
    }

    private double[] row(int k, int shiftedFeature, double shift) {
        double[] r = new double[k];
        for (int i = 0; i < k; i++) {
            r[i] = rnd.nextGaussian() + (i == shiftedFeature ? shift : 0.0);
        }
        return r;
    }

    /** Feeds rows and returns the findings with the row index (from 0) at which each was checked. */
    private List<DriftFinding> feed(DeviceDriftState s, DriftReference ref, int rows, int shiftedFeature, double shift,
                                    double anomalyRate, long startMs) {
        List<DriftFinding> out = new ArrayList<>();
        for (int t = 0; t < rows; t++) {
            long now = startMs + t * ROW_MS;
            detector.add(s, ref, row(ref.size(), shiftedFeature, shift), rnd.nextDouble() < anomalyRate, now);
            out.addAll(detector.check(s, ref, now));
        }
        return out;
    }

    @Test
    void stationaryStreamRaisesNoAlert() {
        DeviceDriftState s = detector.empty("dev-1");
        assertThat(feed(s, standardNormal(3, K), 20_000, -1, 0, 0.02, 0)).isEmpty();
    }

    @Test
    void oneSigmaStepOnOneFeatureIsAlertedNamingFeatureMethodAndThreshold() {
        DriftReference ref = standardNormal(7, K);
        DeviceDriftState s = detector.empty("dev-2");
        assertThat(feed(s, ref, 1_000, -1, 0, 0.0, 0)).isEmpty();
        List<DriftFinding> after = feed(s, ref, 500, 3, 1.0, 0.0, 1_000 * ROW_MS);

        assertThat(after).isNotEmpty().allSatisfy(f -> {
            assertThat(f.feature()).isEqualTo("f3");
            assertThat(f.deviceId()).isEqualTo("dev-2");
            assertThat(f.modelVersion()).isEqualTo(7);
            assertThat(f.statistic()).isGreaterThanOrEqualTo(f.threshold());
        });
        DriftFinding first = after.get(0);
        assertThat(first.method()).isEqualTo(DriftFinding.MEAN_SHIFT);
        assertThat(first.windowN()).isEqualTo(500);
        assertThat(first.ts()).isLessThanOrEqualTo((1_000 + 300) * ROW_MS);
        assertThat(after).anySatisfy(f -> {
            assertThat(f.method()).isEqualTo(DriftFinding.PSI);
            assertThat(f.severity()).isEqualTo(Severity.ALERT);
            assertThat(f.threshold()).isEqualTo(0.25);
        });
    }

    @Test
    void persistentDriftIsAlertedOnceUntilCooldownThenAgain() {
        DriftReference ref = standardNormal(1, K);
        DeviceDriftState s = detector.empty("dev-3");
        feed(s, ref, 500, -1, 0, 0.0, 0);
        // 5,000 drifted rows span 500 s, well inside the 1 h cooldown
        List<DriftFinding> drifted = feed(s, ref, 5_000, 0, 1.0, 0.0, 500 * ROW_MS);
        Map<String, List<Severity>> byMethod = drifted.stream().collect(Collectors.groupingBy(DriftFinding::method,
            Collectors.mapping(DriftFinding::severity, Collectors.toList())));
        assertThat(byMethod.keySet()).containsExactlyInAnyOrder(DriftFinding.MEAN_SHIFT, DriftFinding.PSI);
        // at most a warning then its escalation to an alert, never a repeat
        byMethod.values().forEach(sev -> assertThat(sev).isSubsetOf(Severity.WARN, Severity.ALERT).doesNotHaveDuplicates());

        long later = 500 * ROW_MS + 5_000 * ROW_MS + DriftSettings.DEFAULTS.cooldownMs();
        List<DriftFinding> afterCooldown = feed(s, ref, 200, 0, 1.0, 0.0, later);
        assertThat(afterCooldown).extracting(DriftFinding::method)
            .containsExactlyInAnyOrder(DriftFinding.MEAN_SHIFT, DriftFinding.PSI);
    }

    @Test
    void recoveredFeatureIsAlertedAgainWhenItDriftsAgain() {
        DriftReference ref = standardNormal(1, K);
        DeviceDriftState s = detector.empty("dev-4");
        feed(s, ref, 500, -1, 0, 0.0, 0);
        assertThat(feed(s, ref, 1_000, 5, 1.5, 0.0, 500 * ROW_MS)).isNotEmpty();
        assertThat(feed(s, ref, 2_000, -1, 0, 0.0, 1_500 * ROW_MS)).isEmpty();
        List<DriftFinding> again = feed(s, ref, 1_000, 5, 1.5, 0.0, 3_500 * ROW_MS);
        assertThat(again).extracting(DriftFinding::feature).containsOnly("f5");
        assertThat(again).extracting(DriftFinding::method).contains(DriftFinding.MEAN_SHIFT, DriftFinding.PSI);
    }

    @Test
    void stateSizeDoesNotGrowWithRows() {
        DriftReference ref = standardNormal(1, 42);
        DeviceDriftState s = detector.empty("dev-5");
        feed(s, ref, 500, -1, 0, 0.02, 0);
        long afterOneWindow = s.arrayBytes();
        feed(s, ref, 20_000, 2, 1.0, 0.3, 500 * ROW_MS);
        assertThat(s.arrayBytes()).isEqualTo(afterOneWindow);
        assertThat(s.rowsSeen()).isEqualTo(20_500);
        // 5 blocks x 42 features x (18 bins x 1 B + 2 x 2 B + 8 B + 2 x 4 B + non-zero rows 2 B and sum 8 B)
        // + gate 85 x 9 B
        assertThat(afterOneWindow).isEqualTo(5L * 42 * (18 + 4 + 8 + 8 + 10) + 85L * 9);
    }

    @Test
    void pageHinkleyAlertsOnAnomalyRateStepNamingAnomalyRate() {
        DriftReference ref = standardNormal(2, K);
        DeviceDriftState s = detector.empty("dev-6");
        assertThat(feed(s, ref, 5_000, -1, 0, 0.02, 0)).isEmpty();
        List<DriftFinding> after = feed(s, ref, 400, -1, 0, 0.3, 5_000 * ROW_MS);
        assertThat(after).hasSize(1);
        DriftFinding ph = after.get(0);
        assertThat(ph.feature()).isEqualTo(DriftFinding.ANOMALY_RATE);
        assertThat(ph.method()).isEqualTo(DriftFinding.PAGE_HINKLEY);
        assertThat(ph.threshold()).isEqualTo(20.0);
        assertThat(ph.statistic()).isGreaterThan(20.0);
        assertThat(ph.severity()).isEqualTo(Severity.ALERT);
        assertThat(ph.windowN()).isGreaterThan(5_000);
    }

    @Test
    void discreteFeatureIsQuietAgainstItsHistogramButNotAgainstANormalApproximation() {
        List<String> names = List.of("flag", "size");
        FeatureStats stats = new FeatureStats(2);
        List<double[]> refRows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            double[] r = {rnd.nextDouble() < 0.1 ? 1.0 : 0.0, 100 + 10 * rnd.nextGaussian()};
            stats.add(r);
            refRows.add(r);
        }
        ReferenceHistogram hist = ReferenceHistogram.relativeTo(4, stats);
        refRows.forEach(hist::add);
        DriftReference withHist = DriftReference.of(model(4, names, stats, hist));
        DriftReference normalOnly = DriftReference.of(model(4, names, stats, null));
        assertThat(withHist.feature(0).hasHistogram()).isTrue();
        assertThat(normalOnly.feature(0).hasHistogram()).isFalse();

        DeviceDriftState a = detector.empty("dev-7");
        DeviceDriftState b = detector.empty("dev-7");
        List<DriftFinding> againstHist = new ArrayList<>();
        List<DriftFinding> againstNormal = new ArrayList<>();
        for (int t = 0; t < 5_000; t++) {
            double[] r = {rnd.nextDouble() < 0.1 ? 1.0 : 0.0, 100 + 10 * rnd.nextGaussian()};
            detector.add(a, withHist, r, false, t * ROW_MS);
            detector.add(b, normalOnly, r, false, t * ROW_MS);
            againstHist.addAll(detector.check(a, withHist, t * ROW_MS));
            againstNormal.addAll(detector.check(b, normalOnly, t * ROW_MS));
        }
        assertThat(againstHist).isEmpty();
        assertThat(againstNormal).extracting(DriftFinding::feature, DriftFinding::method)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("flag", DriftFinding.PSI));
    }

    @Test
    void newModelVersionMidWindowNeitherAlertsNorLosesTheWindow() {
        DeviceDriftState s = detector.empty("dev-8");
        assertThat(feed(s, standardNormal(1, K), 750, -1, 0, 0.0, 0)).isEmpty();
        List<FeatureReference> moved = IntStream.range(0, K)
            .mapToObj(i -> FeatureReference.normal("f" + i, 200_000, 0.02, 1.01)).toList();
        DriftReference v2 = new DriftReference(2, moved);
        assertThat(feed(s, v2, 3_000, -1, 0, 0.0, 750 * ROW_MS)).isEmpty();
        List<DriftFinding> drift = feed(s, v2, 500, 9, -1.0, 0.0, 3_750 * ROW_MS);
        assertThat(drift).isNotEmpty().allSatisfy(f -> {
            assertThat(f.modelVersion()).isEqualTo(2);
            assertThat(f.feature()).isEqualTo("f9");
        });
    }

    @Test
    void namedFeaturesAreAlignedToTheReferenceAndMissingOnesAreNotTested() {
        DriftReference ref = standardNormal(5, 3);
        DeviceDriftState s = detector.empty("dev-9");
        List<DriftFinding> out = new ArrayList<>();
        for (int t = 0; t < 2_000; t++) {
            Map<String, Double> named = new HashMap<>();
            named.put("f0", rnd.nextGaussian() + (t >= 1_000 ? 2.0 : 0.0));
            named.put("f2", rnd.nextGaussian());
            named.put("unknown", 1e9);
            detector.add(s, ref, named, false, t * ROW_MS);
            out.addAll(detector.check(s, ref, t * ROW_MS));
        }
        assertThat(out).isNotEmpty().extracting(DriftFinding::feature).containsOnly("f0");
    }

    @Test
    void withoutReferenceNothingIsChecked() {
        DeviceDriftState s = detector.empty("dev-10");
        for (int t = 0; t < 600; t++) {
            detector.add(s, null, row(K, 0, 3.0), true, t);
            assertThat(detector.check(s, null, t)).isEmpty();
        }
    }

    @Test
    void deviceModeIgnoresHowADeviceDiffersFromTheFleetButFlagsItsOwnStep() {
        DriftReference fleet = standardNormal(11, K);
        DriftDetector global = new DriftDetector(GLOBAL);
        DriftDetector device = new DriftDetector(DriftSettings.DEFAULTS);
        DeviceDriftState g = global.empty("dev-11");
        DeviceDriftState d = device.empty("dev-11");
        List<DriftFinding> fromGlobal = new ArrayList<>();
        List<DriftFinding> fromDevice = new ArrayList<>();
        for (int t = 0; t < 6_000; t++) {
            double[] r = row(K, 4, t < 5_000 ? 0.0 : 2.0);
            for (int i = 0; i < K; i++) {
                r[i] = 5.0 + 2.0 * r[i] - (i == 4 && t >= 5_000 ? 2.0 : 0.0);
            }
            global.add(g, fleet, r, false, t * ROW_MS);
            device.add(d, fleet, r, false, t * ROW_MS);
            fromGlobal.addAll(global.check(g, fleet, t * ROW_MS));
            for (DriftFinding f : device.check(d, fleet, t * ROW_MS)) {
                assertThat(t).as("no device-mode alert before the step").isGreaterThanOrEqualTo(5_000);
                fromDevice.add(f);
            }
        }
        assertThat(fromGlobal).extracting(DriftFinding::feature).contains("f0", "f9");
        assertThat(fromDevice).isNotEmpty().allSatisfy(f -> {
            assertThat(f.feature()).isEqualTo("f4");
            assertThat(f.modelVersion()).isEqualTo(11);
        });
        assertThat(fromDevice.get(0).ts()).isLessThan(5_300 * ROW_MS);
    }

    @Test
    void deviceModeChecksNothingUntilItsBaselineIsComplete() {
        DriftDetector device = new DriftDetector(DriftSettings.DEFAULTS);
        DriftReference fleet = standardNormal(1, K);
        DeviceDriftState s = device.empty("dev-12");
        // calibration 100 rows + baseline 500 rows: a wild first stretch is the device's normal
        for (int t = 0; t < 1_100; t++) {
            device.add(s, fleet, row(K, 0, 100.0), false, t * ROW_MS);
            assertThat(device.check(s, fleet, t * ROW_MS)).isEmpty();
        }
        DeviceDriftState fresh = device.empty("dev-13");
        for (int t = 0; t < 599; t++) {
            device.add(fresh, fleet, row(K, 0, t < 300 ? 0.0 : 5.0), false, t * ROW_MS);
            assertThat(device.check(fresh, fleet, t * ROW_MS)).isEmpty();
        }
    }

    /** Feeds rows judged by model {@code version} flagging {@code flagRate} of them; returns the findings. */
    private List<DriftFinding> feedVerdicts(DeviceDriftState s, DriftReference ref, int rows, long version,
                                            double flagRate, long startMs) {
        List<DriftFinding> out = new ArrayList<>();
        for (int t = 0; t < rows; t++) {
            long now = startMs + t * ROW_MS;
            ModelVerdict verdict = new ModelVerdict(rnd.nextDouble() < flagRate, version);
            detector.add(s, ref, row(ref.size(), -1, 0.0), false, verdict, now);
            out.addAll(detector.check(s, ref, now));
        }
        return out;
    }

    @Test
    void newModelVersionsFlaggingOtherSharesOfUnchangedRowsRaiseNothing() {
        DriftReference ref = standardNormal(2, K);
        DeviceDriftState s = detector.empty("dev-20");
        double[] rates = {0.01, 0.25, 0.02, 0.3, 0.01, 0.15};
        List<DriftFinding> out = new ArrayList<>();
        for (int v = 0; v < rates.length; v++) {
            out.addAll(feedVerdicts(s, ref, 500, v + 1, rates[v], v * 500L * ROW_MS));
        }
        assertThat(out).isEmpty();
        assertThat(s.rowsSeen()).isEqualTo(3_000);
    }

    @Test
    void aStepInTheShareOneModelVersionFlagsIsAlerted() {
        DriftReference ref = standardNormal(2, K);
        DeviceDriftState s = detector.empty("dev-21");
        assertThat(feedVerdicts(s, ref, 2_000, 7, 0.01, 0)).isEmpty();
        List<DriftFinding> after = feedVerdicts(s, ref, 300, 7, 0.3, 2_000 * ROW_MS);
        assertThat(after).singleElement().satisfies(f -> {
            assertThat(f.feature()).isEqualTo(DriftFinding.ANOMALY_RATE);
            assertThat(f.severity()).isEqualTo(Severity.ALERT);
            assertThat(f.modelVersion()).isEqualTo(2);
        });
    }

    @Test
    void rowsLabelledAttacksStayOutOfPageHinkleyWhenAModelJudges() {
        DriftReference ref = standardNormal(1, K);
        DeviceDriftState s = detector.empty("dev-22");
        List<DriftFinding> out = new ArrayList<>();
        for (int t = 0; t < 3_000; t++) {
            boolean attack = t % 200 >= 150;
            detector.add(s, ref, row(K, -1, 0.0), attack, new ModelVerdict(attack, 3), t * ROW_MS);
            out.addAll(detector.check(s, ref, t * ROW_MS));
        }
        assertThat(out).isEmpty();
    }

    @Test
    void anomalousRowsFeedPageHinkleyButStayOutOfTheWindow() {
        DriftReference ref = standardNormal(1, K);
        DeviceDriftState s = detector.empty("dev-14");
        List<DriftFinding> out = new ArrayList<>();
        for (int t = 0; t < 3_000; t++) {
            boolean attack = t >= 1_000 && rnd.nextDouble() < 0.3;
            detector.add(s, ref, row(K, 2, attack ? 10.0 : 0.0), attack, t * ROW_MS);
            out.addAll(detector.check(s, ref, t * ROW_MS));
        }
        assertThat(out).isNotEmpty().extracting(DriftFinding::method).containsOnly(DriftFinding.PAGE_HINKLEY);
        assertThat(s.rowsSeen()).isEqualTo(3_000);
    }

    @Test
    void ignoredFeaturesAreNeverTested() {
        detector = new DriftDetector(GLOBAL.withIgnoredFeatures(java.util.Set.of("f1")));
        DriftReference ref = standardNormal(1, K);
        DeviceDriftState s = detector.empty("dev-15");
        assertThat(feed(s, ref, 3_000, 1, 3.0, 0.0, 0)).isEmpty();
        assertThat(feed(s, ref, 1_000, 6, 3.0, 0.0, 3_000 * ROW_MS)).extracting(DriftFinding::feature).containsOnly("f6");
    }

    @Test
    void deviceModeStateIsBoundedToo() {
        DriftDetector device = new DriftDetector(DriftSettings.DEFAULTS);
        DriftReference ref = standardNormal(1, 42);
        DeviceDriftState s = device.empty("dev-16");
        for (int t = 0; t < 700; t++) {
            device.add(s, ref, row(42, -1, 0), false, t);
        }
        long bytes = s.arrayBytes();
        for (int t = 700; t < 20_000; t++) {
            device.add(s, ref, row(42, 3, 1.0), t % 7 == 0, t);
            device.check(s, ref, t);
        }
        assertThat(s.arrayBytes()).isEqualTo(bytes);
        // window blocks and gate as in global mode, plus the baseline: 42 x (2 x 4 B + 6 x 8 B + 18 x 2 B)
        assertThat(bytes).isEqualTo(5L * 42 * (18 + 4 + 8 + 8 + 10) + 85L * 9 + 42L * (8 + 48 + 36));
    }

    @Test
    void slidesOfMoreThan255RowsCountBinsIn16Bits() {
        DriftSettings wide = DriftSettings.fromMap(java.util.Map.of(DriftSettings.WINDOW_ROWS, "1000",
            DriftSettings.CHECK_EVERY_ROWS, "500", DriftSettings.REFERENCE_MODE, "global"));
        DriftDetector d = new DriftDetector(wide);
        // reference: 3/4 of the values in the z-bin [0, 0.5), 1/4 in [-0.5, 0); a block then holds 375 and
        // 125 rows in them, and 375 would wrap to 119 in an 8-bit counter and look like drift
        double[] shares = new double[ReferenceHistogram.BINS];
        shares[ReferenceHistogram.binOf(0.25)] = 0.75;
        shares[ReferenceHistogram.binOf(-0.25)] = 0.25;
        FeatureReference split = new FeatureReference("split", 1e6, 0.125, Math.sqrt(0.046875), 0.0, 1.0, shares);
        DriftReference ref = new DriftReference(1, List.of(split));
        DeviceDriftState s = d.empty("dev-18");
        List<DriftFinding> out = new ArrayList<>();
        for (int t = 0; t < 3_000; t++) {
            d.add(s, ref, new double[] {t % 4 == 0 ? -0.25 : 0.25}, false, t);
            out.addAll(d.check(s, ref, t));
        }
        assertThat(out).isEmpty();
        assertThat(s.arrayBytes()).isEqualTo(2L * (18 * 2 + 4 + 8 + 8 + 10) + 3L * 9);
    }

    /**
     * Feeds 3,000 rows to a device-mode detector, feature {@code feature} of row t set by {@code value}, and returns
     * the findings, asserting that none comes before row 2,000 (where the tests change the feature).
     */
    private List<DriftFinding> deviceRun(String device, int feature, java.util.function.IntToDoubleFunction value) {
        DriftDetector detector = new DriftDetector(DriftSettings.DEFAULTS);
        DriftReference fleet = standardNormal(4, K);
        DeviceDriftState s = detector.empty(device);
        List<DriftFinding> out = new ArrayList<>();
        for (int t = 0; t < 3_000; t++) {
            double[] r = row(K, -1, 0);
            r[feature] = value.applyAsDouble(t);
            detector.add(s, fleet, r, false, t * ROW_MS);
            for (DriftFinding f : detector.check(s, fleet, t * ROW_MS)) {
                assertThat(t).as("no alert before the change").isGreaterThanOrEqualTo(2_000);
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void deviceModeFlagsAFeatureThatWasConstantInItsBaselineWhenItStartsToVary() {
        List<DriftFinding> out = deviceRun("dev-17", 3,
            t -> t >= 2_000 && rnd.nextDouble() < 0.2 ? 5.0 + rnd.nextGaussian() : 0.0);
        assertThat(out).isNotEmpty().allSatisfy(f -> {
            assertThat(f.feature()).isEqualTo("f3");
            assertThat(f.method()).isEqualTo(DriftFinding.PSI);
        });
    }

    @Test
    void deviceModeFlagsAShiftOfASparseFieldsValuesThatTheMeanOverAllRowsDilutes() {
        // a protocol field carried by 15% of packets (zero on the rest); its values step by 2 sigma at row 2,000
        List<DriftFinding> out = deviceRun("dev-18", 2,
            t -> rnd.nextDouble() < 0.15 ? 10.0 + rnd.nextGaussian() + (t >= 2_000 ? 2.0 : 0.0) : 0.0);
        assertThat(out).isNotEmpty().allSatisfy(f -> assertThat(f.feature()).isEqualTo("f2"));
        assertThat(out).filteredOn(f -> f.severity() == Severity.ALERT)
            .extracting(DriftFinding::method).contains(DriftFinding.MEAN_SHIFT);
    }

    private static GlobalModel model(long version, List<String> names, FeatureStats stats, ReferenceHistogram hist) {
        return new GlobalModel(version, version, 0L, "fedavg", 3, stats.rows(), names, new double[0], 0.0, stats,
            0.5, null, null, hist);
    }
}
