package io.flead.driftcheck.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * A correction for testing every feature of a window at once: the per-feature p-value cutoff for a
 * family-level level α.
 *
 * <p>Bonferroni rejects p ≤ α/m and bounds the family-wise error rate. Benjamini-Hochberg rejects the
 * k smallest p-values where k is the largest rank with p(k) ≤ k·α/m; it bounds the false discovery
 * rate, and when no feature has drifted (the case that makes false alarms) it bounds the family-wise
 * error rate at α too, while being more powerful than Bonferroni when several features drift.
 */
public enum MultipleTestingCorrection {
    BONFERRONI("bonferroni"),
    BENJAMINI_HOCHBERG("benjamini-hochberg");

    private final String configName;

    MultipleTestingCorrection(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration. */
    public String configName() {
        return configName;
    }

    /** The correction with this configuration name, or null when there is none. */
    public static MultipleTestingCorrection fromConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (MultipleTestingCorrection c : values()) {
            if (c.configName.equals(wanted)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The per-test cutoff: a test is rejected when its p ≤ the cutoff. NaN p-values (untested
     * features) do not count in m. With nothing rejected the cutoff is α/m, the strictest level.
     */
    public double cutoff(double[] pValues, double alpha) {
        double[] tested = Arrays.stream(pValues).filter(p -> !Double.isNaN(p)).sorted().toArray();
        int m = tested.length;
        if (m == 0) {
            return alpha;
        }
        if (this == BONFERRONI) {
            return alpha / m;
        }
        for (int k = m; k >= 1; k--) {
            if (tested[k - 1] <= k * alpha / m) {
                return k * alpha / m;
            }
        }
        return alpha / m;
    }
}
