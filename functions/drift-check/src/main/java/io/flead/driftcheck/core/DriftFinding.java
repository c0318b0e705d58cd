package io.flead.driftcheck.core;

import io.flead.model.DriftAlert;

/**
 * One drift alert as decided by the core, with the fields of the {@code drift-alerts} contract.
 *
 * @param deviceId     device the window belongs to
 * @param ts           time of the check, epoch ms
 * @param feature      drifted feature, or {@code anomaly_rate} for Page-Hinkley
 * @param method       {@code psi}, {@code mean_shift} or {@code page_hinkley}
 * @param statistic    the test statistic (PSI, |z|, or the Page-Hinkley statistic)
 * @param threshold    the threshold the statistic reached for this severity
 * @param severity     warn or alert
 * @param modelVersion global model version of the reference
 * @param windowN      rows behind the statistic
 */
public record DriftFinding(String deviceId, long ts, String feature, String method, double statistic,
                           double threshold, Severity severity, long modelVersion, long windowN) {

    public static final String PSI = "psi";
    public static final String MEAN_SHIFT = "mean_shift";
    public static final String PAGE_HINKLEY = "page_hinkley";
    public static final String ANOMALY_RATE = "anomaly_rate";

    /** This finding as the {@code drift-alerts} message. */
    public DriftAlert toMessage() {
        return new DriftAlert(deviceId, ts, feature, method, statistic, threshold, severity.wireName(), modelVersion,
            windowN);
    }
}
