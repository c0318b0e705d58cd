package io.flead.platform.up;

/**
 * What the live view shows at one moment.
 *
 * @param elapsedMs       since the platform came up
 * @param rowsReplayed    records on edge-iiot-stream
 * @param rowsTotal       rows in the replayed device files
 * @param rowsPerSecond   replay rate over the last interval
 * @param localUpdates    records on local-model-updates
 * @param model           the latest global model, or null before the first round
 * @param anomalies       records on anomalies
 * @param anomaliesPerSecond anomaly rate over the last interval
 * @param driftAlerts     records on drift-alerts
 */
public record PipelineSnapshot(long elapsedMs, long rowsReplayed, long rowsTotal, double rowsPerSecond,
                               long localUpdates, ModelLine model, long anomalies, double anomaliesPerSecond,
                               long driftAlerts) {

    /** The latest global model's figures. */
    public record ModelLine(long version, long round, int participants, double precision, double recall, double f1,
                            int rejected) {
    }

    public boolean replayDone() {
        return rowsTotal > 0 && rowsReplayed >= rowsTotal;
    }
}
