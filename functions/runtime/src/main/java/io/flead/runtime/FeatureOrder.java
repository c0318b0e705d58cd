package io.flead.runtime;

import java.util.List;

/**
 * A telemetry row's features in a model's feature order. They are the row's own vector when the model has the
 * reader's features (the usual case, checked once per model); otherwise the row's bytes are read again for the
 * model's features. One per processor: it remembers the last model's features.
 */
public final class FeatureOrder {

  private final TelemetryRowReader reader;
  private List<String> lastNames;
  private TelemetryRowReader other;

  public FeatureOrder(TelemetryRowReader reader) {
    this.reader = reader;
  }

  /** The row's features ordered as {@code names} (the same list instance is recognised without comparing). */
  public double[] of(TelemetryRow row, String topic, List<String> names) {
    if (names != lastNames) {
      lastNames = names;
      other = names.equals(reader.names()) ? null : reader.withNames(names);
    }
    return other == null ? row.features() : other.deserialize(topic, row.source()).features();
  }
}
