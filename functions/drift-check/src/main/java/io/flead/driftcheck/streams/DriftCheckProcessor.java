package io.flead.driftcheck.streams;

import io.flead.driftcheck.config.DriftCheckConfig;
import io.flead.driftcheck.core.DeviceDriftState;
import io.flead.driftcheck.core.DriftDetector;
import io.flead.driftcheck.core.DriftFinding;
import io.flead.driftcheck.core.DriftReference;
import io.flead.driftcheck.core.ModelVerdict;
import io.flead.model.DriftAlert;
import io.flead.model.GlobalModel;
import io.flead.runtime.FeatureOrder;
import io.flead.runtime.IdleAwareClock;
import io.flead.runtime.LatestGlobalModel;
import io.flead.runtime.TelemetryRow;
import io.flead.runtime.TelemetryRowReader;
import io.flead.runtime.TimeIndex;
import io.flead.score.core.Score;
import io.flead.score.core.ScoreSettings;
import io.flead.score.core.ScoringModel;
import io.flead.score.core.Scorer;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds a telemetry row into its device's drift state with {@link DriftDetector} and forwards the
 * findings as alerts, stamped with the row's timestamp. Rows labelled attacks stay out of the window and of
 * Page-Hinkley; Page-Hinkley follows the current model's verdict on the other rows (score's rule), per version.
 */
final class DriftCheckProcessor implements Processor<String, TelemetryRow, String, DriftAlert> {

  private final DriftCheckConfig.Settings settings;
  private final DriftDetector detector;
  private final IdleAwareClock clock = new IdleAwareClock();
  private final FeatureOrder order;
  private final FeatureOrder scoreOrder;
  private final Scorer scorer = new Scorer(ScoreSettings.defaults());
  private final List<String> readerNames;
  private GlobalModel scoringModel;
  private ScoringModel prepared;
  private int[] referenceIndex;
  private ProcessorContext<String, DriftAlert> context;
  private KeyValueStore<String, DeviceDriftState> states;
  private KeyValueStore<String, String> lastSeen;
  private LatestGlobalModel models;
  private GlobalModel referenceModel;
  private DriftReference reference;
  private List<String> referenceNames;

  DriftCheckProcessor(DriftCheckConfig.Settings settings, TelemetryRowReader rows) {
    this.settings = settings;
    this.order = new FeatureOrder(rows);
    this.scoreOrder = new FeatureOrder(rows);
    this.readerNames = rows.names();
    this.detector = new DriftDetector(settings.core());
  }

  @Override
  public void init(ProcessorContext<String, DriftAlert> context) {
    this.context = context;
    this.states = context.getStateStore(DriftCheckTopology.WINDOW_STORE);
    this.lastSeen = context.getStateStore(DriftCheckTopology.LAST_SEEN_STORE);
    this.models = LatestGlobalModel.in(context, DriftCheckTopology.GLOBAL_MODEL_STORE, settings.modelName(),
        settings.initialFeatures());
    Duration every = Duration.ofMillis(settings.punctuateIntervalMs());
    context.schedule(every, PunctuationType.STREAM_TIME, streamTime -> evictIdle(tick()));
    context.schedule(every, PunctuationType.WALL_CLOCK_TIME, wall -> evictIdle(tick()));
  }

  @Override
  public void process(Record<String, TelemetryRow> record) {
    TelemetryRow row = record.value();
    if (row == null) {
      return;
    }
    long now = Math.max(tick(), record.timestamp());
    DriftReference ref = currentReference(now);
    if (ref == null) {
      return;
    }
    DeviceDriftState state = states.get(row.deviceId());
    long seenBefore = state == null ? -1 : lastSeenBucket(state.lastRowMs());
    double[] features = referenceFeatures(row);
    boolean attack = row.label() == 1;
    ModelVerdict verdict = attack ? null : verdict(row);
    state = detector.add(state == null ? detector.empty(row.deviceId()) : state, ref, features, attack, verdict, now);
    // Alerts and their cooldown run on the row's own time, as in the Lambda shell. The task clock (what idle
    // eviction compares last-seen times with) is the partition's newest time, which a device sharing the
    // partition with a device further ahead has not reached: its alerts would carry the other device's time.
    for (DriftFinding f : detector.check(state, ref, record.timestamp())) {
      context.forward(new Record<>(f.deviceId(), alert(f), f.ts()));
    }
    states.put(row.deviceId(), state);
    moveLastSeen(seenBefore, lastSeenBucket(state.lastRowMs()), state.deviceId());
  }

  /** The row's features in the reference's order: picked from the row's model-order vector when it holds them all. */
  private double[] referenceFeatures(TelemetryRow row) {
    if (referenceIndex == null) {
      return order.of(row, settings.telemetryTopic(), referenceNames);
    }
    double[] all = row.features();
    double[] out = new double[referenceIndex.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = all[referenceIndex[i]];
    }
    return out;
  }

  /** The current model's verdict on the row, or null when it cannot judge it (no statistics yet). */
  private ModelVerdict verdict(TelemetryRow row) {
    if (scoringModel != referenceModel) {
      scoringModel = referenceModel;
      prepared = ScoringModel.of(scoringModel);
    }
    Score s = scorer.evaluateRow(prepared, scoreOrder.of(row, settings.telemetryTopic(),
        scoringModel.featureNames()), false);
    return Score.NOT_SCORABLE.equals(s.method()) ? null : new ModelVerdict(s.anomalous(), scoringModel.version());
  }

  /** Keeps the device in the index under the bucket of its last row; rewritten only when the bucket changes. */
  private void moveLastSeen(long before, long after, String device) {
    if (after != before) {
      if (before >= 0) {
        lastSeen.delete(TimeIndex.key(before, device));
      }
      lastSeen.put(TimeIndex.key(after, device), device);
    }
  }

  /** {@code <bucket of the last row's time, 19 digits>/<device>}; buckets are a quarter of the eviction interval. */
  private String lastSeenKey(DeviceDriftState state) {
    return TimeIndex.key(lastSeenBucket(state.lastRowMs()), state.deviceId());
  }

  private long lastSeenBucket(long lastRowMs) {
    long bucket = Math.max(1, settings.evictIdleMs() / 4);
    return Math.max(0, lastRowMs) / bucket * bucket;
  }

  private static DriftAlert alert(DriftFinding f) {
    return new DriftAlert(f.deviceId(), f.ts(), f.feature(), f.method(), f.statistic(), f.threshold(),
        f.severity().wireName(), f.modelVersion(), f.windowN());
  }

  private long tick() {
    clock.observe(context.currentStreamTimeMs(), context.currentSystemTimeMs());
    return clock.now(context.currentSystemTimeMs());
  }

  /**
   * The reference of the latest model, rebuilt only when the model changes; before statistics exist, null in global
   * mode and the feature names alone in device mode.
   */
  private DriftReference currentReference(long now) {
    GlobalModel model = models.current(now);
    if (model != referenceModel) {
      referenceModel = model;
      reference = DriftReference.forMode(model, settings.core().referenceMode());
      referenceNames = reference == null ? null : reference.featureNames();
      referenceIndex = referenceNames == null ? null : indexIn(readerNames, referenceNames);
    }
    return reference;
  }

  /** Where each of {@code names} sits in {@code among}, or null when one is missing. */
  private static int[] indexIn(List<String> among, List<String> names) {
    int[] index = new int[names.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = among.indexOf(names.get(i));
      if (index[i] < 0) {
        return null;
      }
    }
    return index;
  }

  /** Drops devices silent for longer than the eviction interval, reading only the old buckets of the index. */
  private void evictIdle(long now) {
    long silentSince = now - settings.evictIdleMs();
    if (silentSince < 0) {
      return;
    }
    for (KeyValue<String, String> candidate : TimeIndex.upTo(lastSeen, lastSeenBucket(silentSince))) {
      DeviceDriftState state = states.get(candidate.value);
      if (state == null || !lastSeenKey(state).equals(candidate.key)) {
        lastSeen.delete(candidate.key);
      } else if (now - state.lastRowMs() > settings.evictIdleMs()) {
        states.delete(candidate.value);
        lastSeen.delete(candidate.key);
      }
    }
  }
}
