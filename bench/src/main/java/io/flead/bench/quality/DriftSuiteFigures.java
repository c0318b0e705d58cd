package io.flead.bench.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of the {@link GeneratorDriftSuite}.
 *
 * @param delays             detection delay per drift kind
 * @param cleanRows          rows of the clean generator devices
 * @param cleanAlarms        findings on them, every method and severity
 * @param cleanAlertSeverity of those, alert-severity findings
 * @param cleanDevices       clean devices
 * @param cleanDevicesAlarming clean devices with at least one finding
 * @param cleanByMethod      findings on clean devices by method
 * @param recovery           the federated recovery after a new attack type
 */
public record DriftSuiteFigures(List<KindDelay> delays, long cleanRows, long cleanAlarms, long cleanAlertSeverity,
                                int cleanDevices, int cleanDevicesAlarming, java.util.Map<String, Long> cleanByMethod,
                                NewAttackRecovery.Result recovery) {

    /**
     * @param kind   the kind's metric name
     * @param meanRows mean rows from the start to the first finding, a missed run counted at the plan's bound
     * @param runs   devices drifted with this kind
     * @param missed runs without a finding within the bound
     */
    public record KindDelay(String kind, double meanRows, int runs, int missed) {
    }

    public double falseAlarmsPer10k() {
        return cleanRows == 0 ? 0.0 : cleanAlarms * 10_000.0 / cleanRows;
    }

    public double alertSeverityPer10k() {
        return cleanRows == 0 ? 0.0 : cleanAlertSeverity * 10_000.0 / cleanRows;
    }

    public double cleanAlarmingShare() {
        return cleanDevices == 0 ? 0.0 : (double) cleanDevicesAlarming / cleanDevices;
    }

    public KindDelay delay(DriftKind kind) {
        return delays.stream().filter(d -> d.kind().equals(kind.metricName())).findFirst().orElseThrow();
    }

    /** The figures as {@code metric <name> <value> <unit>} lines. */
    public List<String> metricLines() {
        List<String> lines = new ArrayList<>();
        for (KindDelay d : delays) {
            lines.add(metric("drift.delay_rows." + d.kind(), d.meanRows(), "rows"));
            lines.add(metric("drift.missed." + d.kind(), d.missed(), "runs"));
        }
        lines.add(metric("drift.false_alarms_per_10k.generator", falseAlarmsPer10k(), "alarms"));
        lines.add(metric("drift.false_alarms_per_10k.generator_alert_severity", alertSeverityPer10k(), "alarms"));
        cleanByMethod.forEach((m, n) -> lines.add(metric("drift.false_alarms_per_10k.generator." + m,
            cleanRows == 0 ? 0.0 : n * 10_000.0 / cleanRows, "alarms")));
        lines.add(metric("drift.clean_rows.generator", cleanRows, "rows"));
        lines.add(metric("drift.clean_devices_alarming_share.generator", cleanAlarmingShare(), "share"));
        lines.add(metric("drift.recovery_rounds.new_attack", recovery.rounds(), "rounds"));
        lines.add(metric("drift.recovery.f1_before", recovery.preF1(), "f1"));
        lines.add(metric("drift.recovery.f1_at_appearance", recovery.f1AtAppearance(), "f1"));
        return lines;
    }

    private static String metric(String name, double value, String unit) {
        return String.format(Locale.ROOT, "metric %s %.3f %s", name, value, unit);
    }
}
