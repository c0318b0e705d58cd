package io.flead.localtrain.streams;

import io.flead.localtrain.core.DeviceWindow;
import io.flead.localtrain.core.LocalTrainer;
import io.flead.model.LocalModelUpdate;
import io.flead.model.TelemetryEvent;
import io.flead.runtime.IdleAwareClock;
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
  private final IdleAwareClock clock = new IdleAwareClock();
  private ProcessorContext<String, LocalModelUpdate> context;
  private KeyValueStore<String, DeviceWindow> windows;
  private LatestGlobalModel models;

  LocalTrainProcessor(LocalTrainTopology.Settings settings) {
    this.settings = settings;
    this.trainer = new LocalTrainer(settings.core());
  }

  @Override
  public void init(ProcessorContext<String, LocalModelUpdate> context) {
    this.context = context;
    this.windows = context.getStateStore(LocalTrainTopology.WINDOW_STORE);
    this.models = LatestGlobalModel.in(context, LocalTrainTopology.GLOBAL_MODEL_STORE, settings.modelName(),
        settings.core().featureNames());
    Duration every = Duration.ofMillis(settings.punctuateIntervalMs());
    context.schedule(every, PunctuationType.STREAM_TIME, streamTime -> emitDue(tick()));
    context.schedule(every, PunctuationType.WALL_CLOCK_TIME, wall -> emitDue(tick()));
  }

  @Override
  public void process(Record<String, TelemetryEvent> record) {
    TelemetryEvent event = record.value();
    if (event == null) {
      return;
    }
    long now = Math.max(tick(), record.timestamp());
    DeviceWindow window = windows.get(event.deviceId());
    window = trainer.add(window == null ? trainer.empty(event.deviceId()) : window, event);
    if (trainer.ready(window, now)) {
      emit(window, now);
    } else {
      windows.put(event.deviceId(), window);
    }
  }

  private long tick() {
    clock.observe(context.currentStreamTimeMs(), context.currentSystemTimeMs());
    return clock.now(context.currentSystemTimeMs());
  }

  /** Emits every window that has waited T (or reached N) by event time {@code now}. */
  private void emitDue(long now) {
    List<KeyValue<String, DeviceWindow>> due = new ArrayList<>();
    try (KeyValueIterator<String, DeviceWindow> all = windows.all()) {
      all.forEachRemaining(kv -> {
        if (trainer.ready(kv.value, now)) {
          due.add(kv);
        }
      });
    }
    due.forEach(kv -> emit(kv.value, now));
  }

  private void emit(DeviceWindow window, long now) {
    Optional<LocalModelUpdate> update = trainer.finish(window, models.current(now), now);
    if (update.isPresent()) {
      context.forward(new Record<>(window.deviceId(), update.get(), now));
      windows.delete(window.deviceId());
    } else {
      windows.put(window.deviceId(), window);
    }
  }
}
