package io.flead.platform.api;

import io.flead.driftcheck.core.DeviceDriftState;
import io.flead.driftcheck.core.DriftDetector;
import io.flead.driftcheck.core.DriftFinding;
import io.flead.driftcheck.core.DriftReference;
import io.flead.driftcheck.core.Severity;
import io.flead.driftcheck.core.WindowTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An on-demand drift check of one device: its rows are folded, in order, through the drift-check core with the
 * settings the running function has, and the core's window tests are read as they stand. Unlike the streaming check
 * it reports every feature, also those that pass or could not be tested, and nothing is debounced.
 */
final class DriftProbe {
    static final String OK = "ok";
    static final String WARN = "warn";
    static final String ALERT = "alert";
    static final String NOT_TESTED = "not_tested";

    /** One telemetry row: its features by name and whether it is labelled an attack. */
    record Row(Map<String, ? extends Number> features, boolean attack) {
    }

    /** One test's outcome on one feature. */
    record Test(double statistic, double threshold, String verdict) {
        static final Test NONE = new Test(Double.NaN, Double.NaN, NOT_TESTED);
    }

    /** A feature's outcome: rows behind its tests (0 when untested), and both tests. */
    record FeatureVerdict(String feature, long n, Test meanShift, Test psi, String verdict) {
    }

    private DriftProbe() {
    }

    /** Folds {@code rows} (oldest first) of {@code device} through {@code detector} and reports every feature. */
    static List<FeatureVerdict> check(DriftDetector detector, DriftReference reference, String device, List<Row> rows) {
        DeviceDriftState state = detector.empty(device);
        long t = 0;
        for (Row row : rows) {
            // the rate test is the streaming function's (it follows the model's verdict per version): not probed here
            detector.add(state, reference, row.features(), row.attack(), null, t++);
        }
        Map<String, Test> meanShift = new HashMap<>();
        Map<String, Test> psi = new HashMap<>();
        Map<String, Long> n = new HashMap<>();
        for (WindowTest w : detector.assess(state, reference)) {
            Test test = new Test(w.statistic(), w.threshold(), verdictOf(w.severity()));
            (DriftFinding.PSI.equals(w.method()) ? psi : meanShift).put(w.feature(), test);
            n.merge(w.feature(), w.windowN(), Math::max);
        }
        List<FeatureVerdict> out = new ArrayList<>(reference.size());
        for (String name : reference.featureNames()) {
            Test shift = meanShift.getOrDefault(name, Test.NONE);
            Test p = psi.getOrDefault(name, Test.NONE);
            out.add(new FeatureVerdict(name, n.getOrDefault(name, 0L), shift, p, worst(shift.verdict(), p.verdict())));
        }
        return out;
    }

    private static String verdictOf(Severity severity) {
        return severity == null ? OK : severity.wireName();
    }

    /** The more severe of two verdicts. */
    static String worst(String a, String b) {
        List<String> order = List.of(NOT_TESTED, OK, WARN, ALERT);
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }
}
