package io.flead.score.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.flead.model.EdgeIiotFeatures;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.TelemetryEvent;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.lambda.BatchReport;
import io.flead.runtime.lambda.CompactedModelTopic;
import io.flead.runtime.lambda.DecodedRecord;
import io.flead.runtime.lambda.LambdaSettings;
import io.flead.runtime.lambda.ModelSource;
import io.flead.runtime.lambda.Outputs;
import io.flead.runtime.lambda.PublishFailedException;
import io.flead.score.core.Scorer;
import io.flead.score.config.ScoreConfig;
import io.flead.score.streams.ScoreTopology;
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
  private final ModelSource models;
  private final Outputs outputs;
  private final String deadLetterTopic;
  private final boolean reportItemFailures;
  private final LongSupplier clock;

  /** Builds the producer and the model reader once per container from {@code FLEAD_*} variables. */
  public ScoreHandler() {
    this(Map.of());
  }

  /** As the Lambda runtime builds it, with {@code overrides} (keys such as {@code bootstrap.servers}) winning. */
  public ScoreHandler(Map<String, String> overrides) {
    this(FunctionConfig.load(LambdaSettings.define(ScoreConfig.definition()), System.getenv(), overrides));
  }

  private ScoreHandler(FunctionConfig config) {
    this(ScoreConfig.settings(config), kafkaModels(config), Outputs.kafka(config.clientProperties()),
        config.deadLetterTopic(), LambdaSettings.reportItemFailures(config), System::currentTimeMillis);
  }

  /** As {@link #ScoreHandler(ScoreConfig.Settings, ModelSource, Outputs, String, boolean, LongSupplier)}, dead-lettering to {@code <application.id>-dlq}. */
  ScoreHandler(ScoreConfig.Settings settings, ModelSource models, Outputs outputs, boolean reportItemFailures,
      LongSupplier clock) {
    this(settings, models, outputs, ScoreConfig.APPLICATION_ID + "-dlq", reportItemFailures, clock);
  }

  ScoreHandler(ScoreConfig.Settings settings, ModelSource models, Outputs outputs, String deadLetterTopic,
      boolean reportItemFailures, LongSupplier clock) {
    this.deadLetterTopic = deadLetterTopic;
    this.settings = settings;
    this.scorer = new Scorer(settings.core());
    this.models = models;
    this.outputs = outputs;
    this.reportItemFailures = reportItemFailures;
    this.clock = clock;
  }

  private static ModelSource kafkaModels(FunctionConfig config) {
    return new CompactedModelTopic(config.clientProperties(), config.topic(FunctionConfig.TOPIC_GLOBAL_MODELS),
        config.getString(FunctionConfig.MODEL_NAME), EdgeIiotFeatures.MODEL, LambdaSettings.modelTtlMs(config));
  }

  @Override
  public Map<String, Object> handleRequest(KafkaEvent event, Context context) {
    BatchReport report = new BatchReport();
    GlobalModel model = models.latest(clock.getAsLong());
    for (DecodedRecord r : report.decode(event)) {
      TelemetryEvent row = report.parse(r, TelemetryEvent.class);
      if (row != null) {
        scorer.score(row, model).ifPresent(a ->
            outputs.send(settings.anomaliesTopic(), a.deviceId(), JsonCodec.encode(a)));
      }
    }
    report.deadLetter(outputs, deadLetterTopic);
    try {
      report.published(outputs.flush());
    } catch (PublishFailedException e) {
      return report.failed(reportItemFailures, e);
    }
    return report.toResponse(reportItemFailures, Map.of("modelVersion", model.version()));
  }
}
