package io.flead.runtime;

import io.flead.model.Anomaly;
import io.flead.model.DriftAlert;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.LocalModelUpdate;
import io.flead.model.TelemetryEvent;

/** Serdes of the five FLEAD message types over the model's {@link JsonCodec}. */
public final class FleadSerdes {

  private FleadSerdes() {
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type.getSimpleName(), JsonCodec::encode, bytes -> JsonCodec.decode(bytes, type));
  }

  public static JsonSerde<TelemetryEvent> telemetry() {
    return of(TelemetryEvent.class);
  }

  public static JsonSerde<LocalModelUpdate> localUpdate() {
    return of(LocalModelUpdate.class);
  }

  public static JsonSerde<GlobalModel> globalModel() {
    return of(GlobalModel.class);
  }

  public static JsonSerde<Anomaly> anomaly() {
    return of(Anomaly.class);
  }

  public static JsonSerde<DriftAlert> driftAlert() {
    return of(DriftAlert.class);
  }
}
