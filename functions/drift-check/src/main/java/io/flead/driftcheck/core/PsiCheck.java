package io.flead.driftcheck.core;

import io.flead.model.ReferenceHistogram;
import java.util.ArrayList;
import java.util.List;

/**
 * PSI of each feature of a full window against the reference, graded warn/alert.
 *
 * <p>Counts are taken on the reference histogram's fixed z-bins; each run of adjacent bins holding less
 * than {@code drift.psi.min.bin.share} of the reference is pooled, so sparse tail bins do not dominate.
 */
final class PsiCheck {
    /** A window must hold this share of its rows for a feature before PSI runs (PSI is biased upward on few rows). */
    static final double MIN_SHARE_OF_WINDOW = 0.8;

    private PsiCheck() {
    }

    static List<Verdict> run(List<WindowBlock> window, DriftReference reference, DriftSettings s) {
        List<Verdict> out = new ArrayList<>();
        int bins = ReferenceHistogram.BINS;
        for (int f = 0; f < reference.size(); f++) {
            FeatureReference ref = reference.feature(f);
            if (!ref.binnable() || s.ignoredFeatures().contains(ref.name())) {
                continue;
            }
            double[] observed = new double[bins];
            double[] expected = new double[bins];
            long n = 0;
            for (WindowBlock block : window) {
                block.addObserved(f, observed);
                block.addExpected(f, ref, expected);
                n += block.binnedRows(f);
            }
            if (n < MIN_SHARE_OF_WINDOW * s.windowRows()) {
                continue;
            }
            double[][] merged = Psi.mergeSparseBins(expected, observed, s.psiMinBinShare());
            double psi = Psi.ofCounts(merged[0], merged[1], s.psiEpsilon());
            out.add(grade(f, psi, n, s));
        }
        return out;
    }

    private static Verdict grade(int f, double psi, long n, DriftSettings s) {
        if (psi >= s.psiAlert()) {
            return new Verdict(f, DriftFinding.PSI, psi, s.psiAlert(), Severity.ALERT, n);
        }
        Severity sev = psi >= s.psiWarn() ? Severity.WARN : null;
        return new Verdict(f, DriftFinding.PSI, psi, s.psiWarn(), sev, n);
    }
}
