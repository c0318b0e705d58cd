package io.flead.localtrain.streams;

/**
 * The part of a telemetry row local-train uses: the device, its sequence number, the label (-1 when unlabelled) and
 * the model's feature values in feature-space order (missing columns as the feature space reads them).
 */
record TelemetryRow(String deviceId, long seq, int label, double[] features) {
}
