package io.flead.driftcheck.core;

/**
 * The outcome of one test on one feature of a window, before debounce.
 *
 * @param feature   feature index, or -1 for the anomaly rate
 * @param method    test name as in the alert's {@code method}
 * @param statistic the statistic
 * @param threshold the threshold of the reached severity (of warn when none was reached)
 * @param severity  the severity reached, or null when the feature passed the test
 * @param windowN   rows behind the statistic
 */
record Verdict(int feature, String method, double statistic, double threshold, Severity severity, long windowN) {
}
