package io.flead.driftcheck.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A z-test per feature of the window mean against the reference mean, corrected across features.
 *
 * <p>z = (x̄ − μ) / (σ·√(1/n + 1/n_ref)) with μ, σ and n_ref from the reference. The warn and alert
 * levels are family-wise: each is turned into a per-feature p cutoff by the configured correction,
 * and the reported threshold is the |z| equivalent of that cutoff. Ignored features are not tested and
 * do not count in the correction.
 *
 * <p>When the reference also knows the feature's non-zero values (a device baseline does), the same test
 * runs on the window's non-zero values too: a protocol field such as {@code mbtcp.len} is zero on every
 * packet without that layer, and a shift of its values on the few packets that carry it is diluted in the
 * mean over all rows. The feature's p-value is then the smaller of the two, doubled (Bonferroni within the
 * feature), and the reported statistic is the |z| equivalent of that combined p-value. The non-zero test
 * needs {@value #PRESENT_MIN_ROWS} non-zero values in the window and in the reference.
 */
final class MeanShiftCheck {
    /** Non-zero values the window and the reference each need for the non-zero test (normal approximation). */
    static final int PRESENT_MIN_ROWS = 30;
    private MeanShiftCheck() {
    }

    static List<Verdict> run(List<WindowBlock> window, DriftReference reference, DriftSettings s) {
        int k = reference.size();
        double[] z = new double[k];
        double[] p = new double[k];
        long[] n = new long[k];
        for (int f = 0; f < k; f++) {
            z[f] = zOf(window, f, reference.feature(f), s, n);
            p[f] = Double.isNaN(z[f]) ? Double.NaN : NormalDistribution.twoSidedP(z[f]);
            double presentZ = reference.present() == null || Double.isNaN(z[f]) ? Double.NaN
                : presentZOf(window, f, reference.present().get(f), s);
            if (!Double.isNaN(presentZ)) {
                p[f] = Math.min(1.0, 2.0 * Math.min(p[f], NormalDistribution.twoSidedP(presentZ)));
                z[f] = p[f] > 0 ? criticalZ(p[f]) : Math.max(Math.abs(z[f]), Math.abs(presentZ));
            }
        }
        double warnCut = s.correction().cutoff(p, s.meanShiftAlphaWarn());
        double alertCut = s.correction().cutoff(p, s.meanShiftAlphaAlert());
        List<Verdict> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            if (Double.isNaN(p[f])) {
                continue;
            }
            double stat = Math.abs(z[f]);
            if (p[f] <= alertCut) {
                out.add(new Verdict(f, DriftFinding.MEAN_SHIFT, stat, criticalZ(alertCut), Severity.ALERT, n[f]));
            } else {
                Severity sev = p[f] <= warnCut ? Severity.WARN : null;
                out.add(new Verdict(f, DriftFinding.MEAN_SHIFT, stat, criticalZ(warnCut), sev, n[f]));
            }
        }
        return out;
    }

    /** The z statistic of feature f, or NaN when it cannot be tested; stores the row count in n[f]. */
    private static double zOf(List<WindowBlock> window, int f, FeatureReference ref, DriftSettings s, long[] n) {
        long rows = 0;
        double sum = 0.0;
        for (WindowBlock block : window) {
            rows += block.rows(f);
            sum += block.sum(f);
        }
        n[f] = rows;
        if (rows < s.meanShiftMinRows() || !ref.testable() || s.ignoredFeatures().contains(ref.name())) {
            return Double.NaN;
        }
        return z(rows, sum, ref);
    }

    /** The z statistic of feature f over the window's non-zero values, or NaN when it cannot be tested. */
    private static double presentZOf(List<WindowBlock> window, int f, FeatureReference ref, DriftSettings s) {
        long rows = 0;
        double sum = 0.0;
        for (WindowBlock block : window) {
            rows += block.presentRows(f);
            sum += block.presentSum(f);
        }
        if (rows < Math.min(PRESENT_MIN_ROWS, s.meanShiftMinRows()) || ref.count() < PRESENT_MIN_ROWS
            || !ref.testable()) {
            return Double.NaN;
        }
        return z(rows, sum, ref);
    }

    /** z of a window mean (rows, sum) against the reference's mean and spread. */
    private static double z(long rows, double sum, FeatureReference ref) {
        double se = ref.std() * Math.sqrt(1.0 / rows + 1.0 / ref.count());
        return (sum / rows - ref.mean()) / se;
    }

    /** |z| whose two-sided p-value equals the cutoff. */
    static double criticalZ(double pCutoff) {
        return -NormalDistribution.quantile(pCutoff / 2.0);
    }
}
