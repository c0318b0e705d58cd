package io.flead.localtrain.streams;

import io.flead.localtrain.config.LocalTrainConfig;
import io.flead.localtrain.core.DeviceWindow;
import io.flead.localtrain.core.LocalTrainer;
import io.flead.model.LocalModelUpdate;
import io.flead.runtime.ConsumedUpdates;
import io.flead.runtime.LatestGlobalModel;
import io.flead.runtime.TelemetryRow;
import io.flead.runtime.TimeIndex;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds each telemetry row into its device's stored window and emits an update with {@link LocalTrainer} when due, and
 * when fedavg has consumed the device's previous update ({@link Backpressure}); until then the window keeps growing.
 */
final class LocalTrainProcessor implements Processor<String, TelemetryRow, String, LocalModelUpdate> {

  private final LocalTrainConfig.Settings settings;
  private final LocalTrainer trainer;
  private ProcessorContext<String, LocalModelUpdate> context;
  private WindowRows windows;
  private KeyValueStore<String, String> openings;
  private LatestGlobalModel models;
  private Backpressure backpressure;

  LocalTrainProcessor(LocalTrainConfig.Settings settings) {
    this.settings = settings;
    this.trainer = new LocalTrainer(settings.core());
  }

  @Override
  public void init(ProcessorContext<String, LocalModelUpdate> context) {
    this.context = context;
    this.windows = new WindowRows(context.getStateStore(LocalTrainTopology.HEAD_STORE),
        context.getStateStore(LocalTrainTopology.BLOCK_STORE), settings.core().maxRows(),
        trainer.featureSpace().dimension());
    this.openings = context.getStateStore(LocalTrainTopology.OPENINGS_STORE);
    this.models = LatestGlobalModel.in(context, LocalTrainTopology.GLOBAL_MODEL_STORE, settings.modelName(),
        settings.core().featureNames());
    if (settings.backpressure()) {
      this.backpressure = new Backpressure(context.getStateStore(LocalTrainTopology.IN_FLIGHT_STORE),
          context.getStateStore(LocalTrainTopology.HELD_STORE),
          ConsumedUpdates.in(context, LocalTrainTopology.ACKS_STORE), settings.ackTimeoutMs());
    }
    // N rows are counted per record; T seconds are wall-clock (processing) time since the window opened.
    // Event time cannot serve for T: replayed device files start hours apart, so a task's stream time (the
    // newest event of any of its devices) would have every lagging device's window look overdue at once.
    context.schedule(Duration.ofMillis(settings.punctuateIntervalMs()), PunctuationType.WALL_CLOCK_TIME, this::emitDue);
  }

  @Override
  public void process(Record<String, TelemetryRow> record) {
    TelemetryRow row = record.value();
    if (row == null) {
      return;
    }
    long now = context.currentSystemTimeMs();
    String device = row.deviceId();
    WindowHead head = windows.head(device);
    WindowHead updated = windows.append(device, head, row.features(), row.label(), row.seq(), now);
    if (head == null) {
      openings.put(openingKey(updated.openedTs(), device), device);
    }
    if (due(updated, now)) {
      emit(device, updated, now);
    }
  }

  /**
   * Emits the windows that have waited T by wall-clock time {@code now}. Only windows opened before
   * {@code now - T} are read, through the index of openings, so a punctuation does not scan every device.
   */
  private void emitDue(long now) {
    releaseHeld(now);
    long openedBefore = now - settings.core().triggerIntervalMs();
    if (openedBefore < 0) {
      return;
    }
    for (KeyValue<String, String> candidate : TimeIndex.upTo(openings, openedBefore)) {
      WindowHead head = windows.head(candidate.value);
      if (head == null || !openingKey(head.openedTs(), candidate.value).equals(candidate.key)) {
        openings.put(candidate.key, null);
      } else if (due(head, now)) {
        emit(candidate.value, head, now);
      }
    }
  }

  /** Emits the held windows whose previous update fedavg has acknowledged since. */
  private void releaseHeld(long now) {
    if (backpressure == null) {
      return;
    }
    for (String device : backpressure.heldToRecheck(now)) {
      WindowHead head = windows.head(device);
      if (head == null) {
        backpressure.release(device);
      } else if (due(head, now)) {
        emit(device, head, now);
      }
    }
  }

  private boolean due(WindowHead head, long now) {
    return trainer.ready(head.size(), head.rowsSinceEmit(), head.openedTs(), now, models.current(now));
  }

  /** Sorts by opening time (wall clock), then the device. */
  static String openingKey(long openedTs, String device) {
    return TimeIndex.key(openedTs, device);
  }

  /** Trains and sends the device's update, unless its previous one is still waiting for fedavg (then it stays held). */
  private void emit(String device, WindowHead head, long now) {
    if (backpressure != null && backpressure.holds(device, now)) {
      return;
    }
    DeviceWindow window = windows.load(device, head, trainer);
    Optional<LocalModelUpdate> update = trainer.finish(window, models.current(now), now);
    if (update.isPresent()) {
      context.forward(new Record<>(device, update.get(), now));
      if (backpressure != null) {
        backpressure.sent(update.get(), now);
      }
      windows.clear(device, head);
      openings.put(openingKey(head.openedTs(), device), null);
    }
  }
}
