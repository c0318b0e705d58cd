package io.flead.platform.api;

import io.flead.driftcheck.core.DriftReference;
import io.flead.driftcheck.core.DriftSettings;
import io.flead.driftcheck.core.FeatureReference;
import io.flead.driftcheck.core.NormalDistribution;
import io.flead.driftcheck.core.Psi;
import io.flead.model.ReferenceHistogram;
import java.util.ArrayList;
import java.util.List;

/**
 * An on-demand drift check of one window of rows against a global model's reference, per feature and test, with
 * the drift-check function's statistics and thresholds (PSI warn/alert, mean-shift z-test with the configured
 * multiple-testing correction). Unlike the streaming check it reports every feature, also those that pass.
 */
final class DriftProbe {
    static final String OK = "ok";
    static final String WARN = "warn";
    static final String ALERT = "alert";
    static final String NOT_TESTED = "not_tested";
    /** PSI is biased upwards on few rows: below this many binned rows a feature is not tested. */
    static final int MIN_PSI_ROWS = 50;

    /** One test's outcome on one feature. */
    record Test(double statistic, double threshold, String verdict) {
        static final Test NONE = new Test(Double.NaN, Double.NaN, NOT_TESTED);
    }

    /** A feature's outcome: rows with a value, and both tests. */
    record FeatureVerdict(String feature, int n, Test meanShift, Test psi, String verdict) {
    }

    private DriftProbe() {
    }

    /** Checks {@code rows} (model feature order, NaN: missing) against {@code reference}. */
    static List<FeatureVerdict> check(DriftReference reference, DriftSettings s, double[][] rows) {
        int k = reference.size();
        double[] z = new double[k];
        double[] p = new double[k];
        int[] n = new int[k];
        for (int f = 0; f < k; f++) {
            z[f] = meanShiftZ(reference.feature(f), s, rows, f, n);
            p[f] = Double.isNaN(z[f]) ? Double.NaN : NormalDistribution.twoSidedP(z[f]);
        }
        double warnCut = s.correction().cutoff(p, s.meanShiftAlphaWarn());
        double alertCut = s.correction().cutoff(p, s.meanShiftAlphaAlert());
        List<FeatureVerdict> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            FeatureReference ref = reference.feature(f);
            Test shift = Double.isNaN(p[f]) ? Test.NONE : p[f] <= alertCut
                ? new Test(Math.abs(z[f]), criticalZ(alertCut), ALERT)
                : new Test(Math.abs(z[f]), criticalZ(warnCut), p[f] <= warnCut ? WARN : OK);
            Test psi = s.ignoredFeatures().contains(ref.name()) ? Test.NONE : psi(ref, s, rows, f);
            out.add(new FeatureVerdict(ref.name(), n[f], shift, psi, worst(shift.verdict(), psi.verdict())));
        }
        return out;
    }

    /** The more severe of two verdicts. */
    static String worst(String a, String b) {
        List<String> order = List.of(NOT_TESTED, OK, WARN, ALERT);
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }

    private static double meanShiftZ(FeatureReference ref, DriftSettings s, double[][] rows, int f, int[] n) {
        double sum = 0;
        int count = 0;
        for (double[] row : rows) {
            if (Double.isFinite(row[f])) {
                sum += row[f];
                count++;
            }
        }
        n[f] = count;
        if (count < s.meanShiftMinRows() || !ref.testable() || s.ignoredFeatures().contains(ref.name())) {
            return Double.NaN;
        }
        double se = ref.std() * Math.sqrt(1.0 / count + 1.0 / ref.count());
        return (sum / count - ref.mean()) / se;
    }

    private static double criticalZ(double pCutoff) {
        return -NormalDistribution.quantile(pCutoff / 2.0);
    }

    private static Test psi(FeatureReference ref, DriftSettings s, double[][] rows, int f) {
        if (!ref.binnable()) {
            return Test.NONE;
        }
        int bins = ReferenceHistogram.BINS;
        double[] observed = new double[bins];
        int n = 0;
        for (double[] row : rows) {
            if (Double.isFinite(row[f])) {
                observed[ReferenceHistogram.binOf((row[f] - ref.frameCenter()) / ref.frameScale())]++;
                n++;
            }
        }
        if (n < MIN_PSI_ROWS) {
            return Test.NONE;
        }
        double[] expected = new double[bins];
        double below = 0.0;
        for (int b = 0; b < bins; b++) {
            double edge = ReferenceHistogram.Z_MIN + b * ReferenceHistogram.BIN_WIDTH;
            double upto = b == bins - 1 ? 1.0 : ref.cdf(ref.frameCenter() + edge * ref.frameScale());
            expected[b] = n * Math.max(0.0, upto - below);
            below = Math.max(below, upto);
        }
        double[][] merged = Psi.mergeSparseBins(expected, observed, s.psiMinBinShare());
        double psi = Psi.ofCounts(merged[0], merged[1], s.psiEpsilon());
        if (psi >= s.psiAlert()) {
            return new Test(psi, s.psiAlert(), ALERT);
        }
        return new Test(psi, s.psiWarn(), psi >= s.psiWarn() ? WARN : OK);
    }
}
