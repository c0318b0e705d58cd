package io.flead.platform.up;

import java.util.Map;

/**
 * Options for the integration tests' short demo runs (300 rows per device): drift-check's defaults need 600 rows of
 * a device before its first check (a 100-row calibration, a 500-row baseline), so these runs scale the per-device
 * baseline to the short files (calibration rows 0-30, baseline rows 30-180, windows of 60 rows checked every 20) and
 * generate a fifth of the devices drifting from row 210, so that drift alerts come from drifted devices and the
 * views that show them have real rows.
 */
public final class ShortDemoRuns {
    private ShortDemoRuns() {
    }

    public static UpOptions withDriftScaledTo300Rows(UpOptions options) {
        return options.withDriftPercent(20)
            .withFunctionConfig(Map.of("drift-check", Map.of("drift.baseline.calibration.rows", "30",
                "drift.baseline.rows", "150", "drift.window.rows", "60", "drift.check.every.rows", "20",
                "drift.meanshift.min.rows", "40", "drift.psi.min.bin.share", "0.15")));
    }
}
