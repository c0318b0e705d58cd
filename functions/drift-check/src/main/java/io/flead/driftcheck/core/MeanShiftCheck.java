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
 */
final class MeanShiftCheck {
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
        double se = ref.std() * Math.sqrt(1.0 / rows + 1.0 / ref.count());
        return (sum / rows - ref.mean()) / se;
    }

    /** |z| whose two-sided p-value equals the cutoff. */
    static double criticalZ(double pCutoff) {
        return -NormalDistribution.quantile(pCutoff / 2.0);
    }
}
