/**
 * Pure drift detection per device: no Kafka, AWS, JDBC or logging; time is an argument.
 *
 * <p>{@link io.flead.driftcheck.core.DriftDetector} is a fold over a device's rows. Its window (500 rows
 * by default) slides in blocks (100 rows); each block keeps, per feature, a row count, a sum and counts
 * on the fixed z-bins of {@link io.flead.model.ReferenceHistogram}, so a device's state has a fixed size
 * whatever it has seen (about 11.6 KB of arrays at 42 features with the defaults, 8.7 KB in global
 * mode). When a block completes the window is tested:
 * <ul>
 *   <li>PSI per feature, warn 0.1 and alert 0.25, on the reference bins, where each run of adjacent
 *       bins holding under 8% of the reference is pooled into one bin (never into a populated one),
 *       with empty bins floored at ε = 1e-4; only on a (nearly) full window;</li>
 *   <li>a z-test of the window mean against the reference mean per feature, corrected across features
 *       with Benjamini-Hochberg by default (Bonferroni on request) at family levels 1e-3 (warn) and
 *       1e-5 (alert); the alert reports |z| against the |z| equivalent of the corrected cutoff;</li>
 *   <li>Page-Hinkley on the anomaly flag, row by row, restarting after each detection
 *       (feature {@code anomaly_rate}). The shells feed it the current global model's verdict on the rows not
 *       labelled attacks, and it starts over whenever that model's version changes: a new version flagging more
 *       of the same traffic is learning, not a device change, and an attack episode is not drift.</li>
 * </ul>
 * The reference is either the device's own baseline (the default, {@code drift.reference=device}:
 * 100 calibration rows fix the device's z-frame, the next 500 are its baseline) or the global model's
 * pooled statistics and histogram ({@code global}). On a non-IID fleet the global comparison flags
 * nearly every device, because each differs from the fleet average; it is right for fleets of alike
 * devices. Rows flagged anomalous are kept out of windows (attacks are not drift), and counter-like
 * features (sequence numbers, checksums) are not tested. A per device/feature/method gate suppresses
 * repeats until the test recovers below the warning level, escalates, or the cooldown (1 h) passes.
 */
package io.flead.driftcheck.core;
