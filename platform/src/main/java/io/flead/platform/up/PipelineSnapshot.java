package io.flead.platform.up;

import io.flead.model.VersionEvaluation;
import java.util.Map;

/**
 * What the live view shows at one moment.
 *
 * @param elapsedMs       since the platform came up
 * @param rowsReplayed    records on edge-iiot-stream from the files in place (counted from their {@link ReplayStart})
 * @param rowsTotal       rows in the replayed device files
 * @param rowsInError     reports on edge-iiot-stream-errors about rows: rows the source refused, which will never be
 *                        replayed (reports about a whole file, at line 0, are not rows)
 * @param rowsPerSecond   replay rate over the last interval
 * @param localUpdates    records on local-model-updates
 * @param model           the latest global model, or null before the first version
 * @param rejectedSince   rejections reported on {@code fedavg-consumed} after the latest version (all of them before
 *                        the first), by reason code: no version reports them yet
 * @param anomalies       records on anomalies
 * @param anomaliesPerSecond anomaly rate over the last interval
 * @param driftAlerts     records on drift-alerts
 */
public record PipelineSnapshot(long elapsedMs, long rowsReplayed, long rowsTotal, long rowsInError,
                               double rowsPerSecond, long localUpdates, ModelLine model, Map<String, Long> rejectedSince,
                               long anomalies, double anomaliesPerSecond, long driftAlerts) {

    public PipelineSnapshot {
        rejectedSince = rejectedSince == null ? Map.of() : Map.copyOf(rejectedSince);
    }

    /** A snapshot with no row in error. */
    public PipelineSnapshot(long elapsedMs, long rowsReplayed, long rowsTotal, double rowsPerSecond, long localUpdates,
                            ModelLine model, Map<String, Long> rejectedSince, long anomalies, double anomaliesPerSecond,
                            long driftAlerts) {
        this(elapsedMs, rowsReplayed, rowsTotal, 0, rowsPerSecond, localUpdates, model, rejectedSince, anomalies,
            anomaliesPerSecond, driftAlerts);
    }

    /**
     * The latest global version's figures.
     *
     * @param accepted     the updates the version accepted (its {@code participants})
     * @param rejected     the version's {@code rejected_counts}: rejections since the previous version, by reason
     * @param maxStaleness the largest staleness among its accepted updates; null when the version does not say
     * @param evaluation   the newest version evaluation published (by this version or an earlier one); null for none
     */
    public record ModelLine(long version, long round, int accepted, Map<String, Long> rejected, Long maxStaleness,
                            VersionEvaluation evaluation) {
        public ModelLine {
            rejected = rejected == null ? Map.of() : Map.copyOf(rejected);
        }
    }

    /** True once every row of the files is accounted for: replayed, or refused to the error topic. */
    public boolean replayDone() {
        return rowsTotal > 0 && rowsAccountedFor() >= rowsTotal;
    }

    /** Rows replayed plus rows refused. */
    public long rowsAccountedFor() {
        return rowsReplayed + rowsInError;
    }
}
