package io.flead.driftcheck.core;

/**
 * One window test on one feature as it stands, passed or not, before any debounce: what an on-demand check reports.
 *
 * @param feature   feature name
 * @param method    {@code mean_shift} or {@code psi}
 * @param statistic the statistic (|z| or PSI)
 * @param threshold the threshold of the reached severity (of warn when none was reached)
 * @param severity  the severity reached, or null when the feature passed
 * @param windowN   rows behind the statistic
 */
public record WindowTest(String feature, String method, double statistic, double threshold, Severity severity,
                         long windowN) {
}
