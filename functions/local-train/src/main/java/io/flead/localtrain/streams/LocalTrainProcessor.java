package io.flead.localtrain.streams;

import io.flead.localtrain.core.DeviceWindow;
import io.flead.localtrain.core.LocalTrainer;
import io.flead.model.LocalModelUpdate;
import io.flead.model.TelemetryEvent;
import io.flead.runtime.LatestGlobalModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Decodes a telemetry row, folds it into its device's window with {@link LocalTrainer}, and emits due updates. */
final class LocalTrainProcessor implements Processor<String, TelemetryEvent, String, LocalModelUpdate> {

  private final LocalTrainTopology.Settings settings;
  private final LocalTrainer trainer;
  private ProcessorContext<String, LocalModelUpdate> context;
  private KeyValueStore<String, DeviceWindow> windows;
  private KeyValueStore<String, String> openings;
  private LatestGlobalModel models;

  LocalTrainProcessor(LocalTrainTopology.Settings settings) {
    this.settings = settings;
    this.trainer = new LocalTrainer(settings.core());
  }

  @Override
  public void init(ProcessorContext<String, LocalModelUpdate> context) {
    this.context = context;
    this.windows = context.getStateStore(LocalTrainTopology.WINDOW_STORE);
    this.openings = context.getStateStore(LocalTrainTopology.OPENINGS_STORE);
    this.models = LatestGlobalModel.in(context, LocalTrainTopology.GLOBAL_MODEL_STORE, settings.modelName(),
        settings.core().featureNames());
    // N rows are counted per record; T seconds are wall-clock (processing) time since the window opened.
    // Event time cannot serve for T: replayed device files start hours apart, so a task's stream time (the
    // newest event of any of its devices) would have every lagging device's window look overdue at once.
    context.schedule(Duration.ofMillis(settings.punctuateIntervalMs()), PunctuationType.WALL_CLOCK_TIME, this::emitDue);
  }

  @Override
  public void process(Record<String, TelemetryEvent> record) {
    TelemetryEvent event = record.value();
    if (event == null) {
      return;
    }
    long now = context.currentSystemTimeMs();
    DeviceWindow window = windows.get(event.deviceId());
    boolean opens = window == null;
    window = trainer.add(opens ? trainer.empty(event.deviceId()) : window, event, now);
    if (opens) {
      openings.put(openingKey(window), window.deviceId());
    }
    if (trainer.ready(window, now)) {
      emit(window, now);
    } else {
      windows.put(event.deviceId(), window);
    }
  }

  /**
   * Emits the windows that have waited T by wall-clock time {@code now}. Only windows opened before
   * {@code now - T} are read, through the index of openings, so a punctuation does not scan every device.
   */
  private void emitDue(long now) {
    long openedBefore = now - settings.core().triggerIntervalMs();
    if (openedBefore < 0) {
      return;
    }
    List<KeyValue<String, String>> candidates = new ArrayList<>();
    try (KeyValueIterator<String, String> due = openings.range(openingKey(0, ""), openingKey(openedBefore, "\uffff"))) {
      due.forEachRemaining(candidates::add);
    }
    for (KeyValue<String, String> candidate : candidates) {
      DeviceWindow window = windows.get(candidate.value);
      if (window == null || openingKey(window).compareTo(candidate.key) != 0) {
        openings.delete(candidate.key);
      } else if (trainer.ready(window, now)) {
        emit(window, now);
      }
    }
  }

  private static String openingKey(DeviceWindow window) {
    return openingKey(window.openedTs(), window.deviceId());
  }

  /** Sorts by opening time: zero-padded wall-clock time, then the device. */
  private static String openingKey(long openedTs, String device) {
    return String.format("%019d/%s", Math.max(0, openedTs), device);
  }

  private void emit(DeviceWindow window, long now) {
    String opening = openingKey(window);
    Optional<LocalModelUpdate> update = trainer.finish(window, models.current(now), now);
    if (update.isPresent()) {
      context.forward(new Record<>(window.deviceId(), update.get(), now));
      windows.delete(window.deviceId());
      openings.delete(opening);
    } else {
      windows.put(window.deviceId(), window);
    }
  }
}
