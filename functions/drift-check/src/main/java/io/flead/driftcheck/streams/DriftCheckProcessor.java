package io.flead.driftcheck.streams;

import io.flead.driftcheck.core.DeviceDriftState;
import io.flead.driftcheck.core.DriftDetector;
import io.flead.driftcheck.core.DriftFinding;
import io.flead.driftcheck.core.DriftReference;
import io.flead.model.DriftAlert;
import io.flead.model.GlobalModel;
import io.flead.model.TelemetryEvent;
import io.flead.runtime.IdleAwareClock;
import io.flead.runtime.LatestGlobalModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds a telemetry row into its device's drift state with {@link DriftDetector} and forwards the
 * findings as alerts. A row counts as anomalous for Page-Hinkley when it is labelled an attack.
 */
final class DriftCheckProcessor implements Processor<String, TelemetryEvent, String, DriftAlert> {

  private final DriftCheckTopology.Settings settings;
  private final DriftDetector detector;
  private final IdleAwareClock clock = new IdleAwareClock();
  private ProcessorContext<String, DriftAlert> context;
  private KeyValueStore<String, DeviceDriftState> states;
  private LatestGlobalModel models;
  private GlobalModel referenceModel;
  private DriftReference reference;

  DriftCheckProcessor(DriftCheckTopology.Settings settings) {
    this.settings = settings;
    this.detector = new DriftDetector(settings.core());
  }

  @Override
  public void init(ProcessorContext<String, DriftAlert> context) {
    this.context = context;
    this.states = context.getStateStore(DriftCheckTopology.WINDOW_STORE);
    this.models = LatestGlobalModel.in(context, DriftCheckTopology.GLOBAL_MODEL_STORE, settings.modelName(),
        settings.initialFeatures());
    Duration every = Duration.ofMillis(settings.punctuateIntervalMs());
    context.schedule(every, PunctuationType.STREAM_TIME, streamTime -> evictIdle(tick()));
    context.schedule(every, PunctuationType.WALL_CLOCK_TIME, wall -> evictIdle(tick()));
  }

  @Override
  public void process(Record<String, TelemetryEvent> record) {
    TelemetryEvent event = record.value();
    if (event == null) {
      return;
    }
    long now = Math.max(tick(), record.timestamp());
    DriftReference ref = currentReference(now);
    if (ref == null) {
      return;
    }
    DeviceDriftState state = states.get(event.deviceId());
    state = detector.add(state == null ? detector.empty(event.deviceId()) : state, ref, event.features(),
        Integer.valueOf(1).equals(event.label()), now);
    for (DriftFinding f : detector.check(state, ref, now)) {
      context.forward(new Record<>(f.deviceId(), alert(f), now));
    }
    states.put(event.deviceId(), state);
  }

  private static DriftAlert alert(DriftFinding f) {
    return new DriftAlert(f.deviceId(), f.ts(), f.feature(), f.method(), f.statistic(), f.threshold(),
        f.severity().wireName(), f.modelVersion(), f.windowN());
  }

  private long tick() {
    clock.observe(context.currentStreamTimeMs(), context.currentSystemTimeMs());
    return clock.now(context.currentSystemTimeMs());
  }

  /** The reference of the latest model, rebuilt only when the model changes; null before statistics exist. */
  private DriftReference currentReference(long now) {
    GlobalModel model = models.current(now);
    if (model != referenceModel) {
      referenceModel = model;
      reference = DriftReference.of(model);
    }
    return reference;
  }

  private void evictIdle(long now) {
    List<String> idle = new ArrayList<>();
    try (KeyValueIterator<String, DeviceDriftState> all = states.all()) {
      all.forEachRemaining(kv -> {
        if (now - kv.value.lastRowMs() > settings.evictIdleMs()) {
          idle.add(kv.key);
        }
      });
    }
    idle.forEach(states::delete);
  }
}
