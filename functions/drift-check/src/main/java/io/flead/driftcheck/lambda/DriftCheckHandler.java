package io.flead.driftcheck.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.flead.driftcheck.config.DriftCheckConfig;
import io.flead.driftcheck.core.DeviceDriftState;
import io.flead.driftcheck.core.DriftDetector;
import io.flead.driftcheck.core.DriftFinding;
import io.flead.driftcheck.core.DriftReference;
import io.flead.driftcheck.core.ModelVerdict;
import io.flead.model.DriftAlert;
import io.flead.model.EdgeIiotFeatures;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.TelemetryEvent;
import io.flead.runtime.lambda.Batch;
import io.flead.runtime.lambda.DecodedRecord;
import io.flead.runtime.lambda.LambdaShell;
import io.flead.runtime.lambda.ModelSource;
import io.flead.runtime.lambda.Outputs;
import io.flead.score.core.Score;
import io.flead.score.core.ScoreSettings;
import io.flead.score.core.Scorer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * drift-check as a Lambda handler behind a Kafka event source mapping on {@code edge-iiot-stream}.
 * The handler keeps no state across invocations: each batch is its own window, folded per device with
 * the same {@link DriftDetector} as the Streams app against the latest model's reference, with each
 * row's Kafka timestamp as the time, so a redelivered batch yields the same alerts. Windows therefore
 * span at most one batch: size BatchSize and the batching window for {@code drift.window.rows}.
 */
public final class DriftCheckHandler implements RequestHandler<KafkaEvent, Map<String, Object>> {

  private final DriftCheckConfig.Settings settings;
  private final DriftDetector detector;
  private final Scorer scorer = new Scorer(ScoreSettings.defaults());
  private final LambdaShell shell;

  /** Builds the producer and the model reader once per container from {@code FLEAD_*} variables. */
  public DriftCheckHandler() {
    this(Map.of());
  }

  /** As the Lambda runtime builds it, with {@code overrides} (keys such as {@code bootstrap.servers}) winning. */
  public DriftCheckHandler(Map<String, String> overrides) {
    this(LambdaShell.deployed(DriftCheckConfig.definition(), overrides, c -> EdgeIiotFeatures.NUMERIC, true));
  }

  private DriftCheckHandler(LambdaShell shell) {
    this(DriftCheckConfig.settings(shell.config()), shell);
  }

  /** As {@link #DriftCheckHandler(DriftCheckConfig.Settings, ModelSource, Outputs, String, boolean, LongSupplier)}, dead-lettering to {@code <application.id>-dlq}. */
  DriftCheckHandler(DriftCheckConfig.Settings settings, ModelSource models, Outputs outputs, boolean reportItemFailures,
      LongSupplier clock) {
    this(settings, models, outputs, DriftCheckConfig.APPLICATION_ID + "-dlq", reportItemFailures, clock);
  }

  DriftCheckHandler(DriftCheckConfig.Settings settings, ModelSource models, Outputs outputs, String deadLetterTopic,
      boolean reportItemFailures, LongSupplier clock) {
    this(settings, LambdaShell.of(models, outputs, deadLetterTopic, reportItemFailures, clock));
  }

  private DriftCheckHandler(DriftCheckConfig.Settings settings, LambdaShell shell) {
    this.settings = settings;
    this.detector = new DriftDetector(settings.core());
    this.shell = shell;
  }

  @Override
  public Map<String, Object> handleRequest(KafkaEvent event, Context context) {
    return shell.handle(event, context, this::check);
  }
  /** The shell: its SnapStart restore hooks and its clients. */
  public LambdaShell shell() {
    return shell;
  }


  private Map<String, Object> check(Batch batch) {
    GlobalModel model = batch.models().latest(batch.now());
    DriftReference reference = DriftReference.forMode(model, settings.core().referenceMode());
    Map<String, DeviceDriftState> states = new HashMap<>();
    for (DecodedRecord r : batch.records()) {
      TelemetryEvent row = batch.parse(r, TelemetryEvent.class);
      if (row != null && reference != null) {
        fold(batch, states, reference, model, row, r.timestamp());
      }
    }
    return Map.of("modelVersion", model.version(), "devices", states.size());
  }

  /** As in the Streams app: the current model's verdict on the row (score's rule), null when it cannot judge it. */
  private ModelVerdict verdict(TelemetryEvent row, GlobalModel model) {
    Score s = scorer.evaluate(row, model);
    return Score.NOT_SCORABLE.equals(s.method()) ? null : new ModelVerdict(s.anomalous(), model.version());
  }

  private void fold(Batch batch, Map<String, DeviceDriftState> states, DriftReference reference, GlobalModel model,
      TelemetryEvent row, long now) {
    DeviceDriftState state = states.getOrDefault(row.deviceId(), detector.empty(row.deviceId()));
    boolean attack = Integer.valueOf(1).equals(row.label());
    state = detector.add(state, reference, row.features(), attack, attack ? null : verdict(row, model), now);
    for (DriftFinding f : detector.check(state, reference, now)) {
      batch.send(settings.alertsTopic(), f.deviceId(), JsonCodec.encode(alert(f)));
    }
    states.put(row.deviceId(), state);
  }

  private static DriftAlert alert(DriftFinding f) {
    return new DriftAlert(f.deviceId(), f.ts(), f.feature(), f.method(), f.statistic(), f.threshold(),
        f.severity().wireName(), f.modelVersion(), f.windowN());
  }
}
