package io.flead.runtime;

/**
 * The part of a telemetry row the functions use: the device, its event time and sequence number, the label (-1 when
 * unlabelled), the feature values in the reader's feature order, and the record's own bytes (to read it again in
 * another feature order).
 */
public record TelemetryRow(String deviceId, long ts, long seq, int label, double[] features, byte[] source) {

  /** The label as the wire has it: 0, 1 or null when unlabelled. */
  public Integer labelOrNull() {
    return label < 0 ? null : label;
  }
}
