package io.flead.score.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.flead.model.EdgeIiotFeatures;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.TelemetryEvent;
import io.flead.runtime.lambda.Batch;
import io.flead.runtime.lambda.DecodedRecord;
import io.flead.runtime.lambda.LambdaShell;
import io.flead.runtime.lambda.ModelSource;
import io.flead.runtime.lambda.Outputs;
import io.flead.score.config.ScoreConfig;
import io.flead.score.core.Scorer;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * score as a Lambda handler behind a Kafka event source mapping on {@code edge-iiot-stream}: each
 * batch is scored on its own with the latest global model (read from the compacted topic, cached for
 * a TTL), and anomalies go to {@code anomalies} through an idempotent producer, exactly as the Streams
 * app would emit them; a redelivered batch yields the same anomalies again.
 */
public final class ScoreHandler implements RequestHandler<KafkaEvent, Map<String, Object>> {

  private final ScoreConfig.Settings settings;
  private final Scorer scorer;
  private final LambdaShell shell;

  /** Builds the producer and the model reader once per container from {@code FLEAD_*} variables. */
  public ScoreHandler() {
    this(Map.of());
  }

  /** As the Lambda runtime builds it, with {@code overrides} (keys such as {@code bootstrap.servers}) winning. */
  public ScoreHandler(Map<String, String> overrides) {
    this(LambdaShell.deployed(ScoreConfig.definition(), overrides, c -> EdgeIiotFeatures.MODEL, true));
  }

  private ScoreHandler(LambdaShell shell) {
    this(ScoreConfig.settings(shell.config()), shell);
  }

  /** As {@link #ScoreHandler(ScoreConfig.Settings, ModelSource, Outputs, String, boolean, LongSupplier)}, dead-lettering to {@code <application.id>-dlq}. */
  ScoreHandler(ScoreConfig.Settings settings, ModelSource models, Outputs outputs, boolean reportItemFailures,
      LongSupplier clock) {
    this(settings, models, outputs, ScoreConfig.APPLICATION_ID + "-dlq", reportItemFailures, clock);
  }

  ScoreHandler(ScoreConfig.Settings settings, ModelSource models, Outputs outputs, String deadLetterTopic,
      boolean reportItemFailures, LongSupplier clock) {
    this(settings, LambdaShell.of(models, outputs, deadLetterTopic, reportItemFailures, clock));
  }

  private ScoreHandler(ScoreConfig.Settings settings, LambdaShell shell) {
    this.settings = settings;
    this.scorer = new Scorer(settings.core());
    this.shell = shell;
  }

  @Override
  public Map<String, Object> handleRequest(KafkaEvent event, Context context) {
    return shell.handle(event, context, this::score);
  }
  /** The shell: its SnapStart restore hooks and its clients. */
  public LambdaShell shell() {
    return shell;
  }


  private Map<String, Object> score(Batch batch) {
    GlobalModel model = batch.models().latest(batch.now());
    for (DecodedRecord r : batch.records()) {
      TelemetryEvent row = batch.parse(r, TelemetryEvent.class);
      if (row != null) {
        scorer.score(row, model).ifPresent(a -> batch.send(settings.anomaliesTopic(), a.deviceId(), JsonCodec.encode(a)));
      }
    }
    return Map.of("modelVersion", model.version());
  }

}
