package io.flead.localtrain.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.flead.localtrain.core.DeviceWindow;
import io.flead.localtrain.core.LocalTrainer;
import io.flead.localtrain.config.LocalTrainConfig;
import io.flead.localtrain.streams.LocalTrainTopology;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.LocalModelUpdate;
import io.flead.model.TelemetryEvent;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.lambda.BatchReport;
import io.flead.runtime.lambda.CompactedModelTopic;
import io.flead.runtime.lambda.DecodedRecord;
import io.flead.runtime.lambda.LambdaSettings;
import io.flead.runtime.lambda.ModelSource;
import io.flead.runtime.lambda.Outputs;
import io.flead.runtime.lambda.PublishFailedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * local-train as a Lambda handler behind a Kafka event source mapping on {@code edge-iiot-stream}:
 * the rows of each device in the batch are folded into a window with the same {@link LocalTrainer} as
 * the Streams app, trained from the latest global model (read from the compacted topic, cached for a
 * TTL) whenever a window is due (as in the Streams app) and once more at the end of the batch, and published to
 * {@code local-model-updates}. Times are the rows' Kafka timestamps (the batch's newest at its end) and update ids are derived from
 * device, base version and sequence range, so a redelivered batch publishes the same updates, which
 * fedavg then drops as duplicates. A device with fewer than {@code min.rows} rows in the batch is not trained.
 */
public final class LocalTrainHandler implements RequestHandler<KafkaEvent, Map<String, Object>> {

  private final LocalTrainConfig.Settings settings;
  private final LocalTrainer trainer;
  private final ModelSource models;
  private final Outputs outputs;
  private final String deadLetterTopic;
  private final boolean reportItemFailures;
  private final LongSupplier clock;

  /** Builds the producer and the model reader once per container from {@code FLEAD_*} variables. */
  public LocalTrainHandler() {
    this(Map.of());
  }

  /** As the Lambda runtime builds it, with {@code overrides} (keys such as {@code bootstrap.servers}) winning. */
  public LocalTrainHandler(Map<String, String> overrides) {
    this(FunctionConfig.load(LambdaSettings.define(LocalTrainConfig.definition()), System.getenv(), overrides));
  }

  private LocalTrainHandler(FunctionConfig config) {
    this(LocalTrainConfig.settings(config), kafkaModels(config), Outputs.kafka(config.clientProperties()),
        config.deadLetterTopic(), LambdaSettings.reportItemFailures(config), System::currentTimeMillis);
  }

  /** As {@link #LocalTrainHandler(LocalTrainConfig.Settings, ModelSource, Outputs, String, boolean, LongSupplier)}, dead-lettering to {@code <application.id>-dlq}. */
  LocalTrainHandler(LocalTrainConfig.Settings settings, ModelSource models, Outputs outputs, boolean reportItemFailures,
      LongSupplier clock) {
    this(settings, models, outputs, LocalTrainConfig.APPLICATION_ID + "-dlq", reportItemFailures, clock);
  }

  LocalTrainHandler(LocalTrainConfig.Settings settings, ModelSource models, Outputs outputs, String deadLetterTopic,
      boolean reportItemFailures, LongSupplier clock) {
    this.deadLetterTopic = deadLetterTopic;
    this.settings = settings;
    this.trainer = new LocalTrainer(settings.core());
    this.models = models;
    this.outputs = outputs;
    this.reportItemFailures = reportItemFailures;
    this.clock = clock;
  }

  private static ModelSource kafkaModels(FunctionConfig config) {
    LocalTrainConfig.Settings s = LocalTrainConfig.settings(config);
    return new CompactedModelTopic(config.clientProperties(), s.globalModelTopic(), s.modelName(),
        s.core().featureNames(), LambdaSettings.modelTtlMs(config));
  }

  @Override
  public Map<String, Object> handleRequest(KafkaEvent event, Context context) {
    BatchReport report = new BatchReport();
    GlobalModel global = models.latest(clock.getAsLong());
    Map<String, DeviceWindow> windows = new LinkedHashMap<>();
    List<DecodedRecord> records = report.decode(event);
    for (DecodedRecord r : records) {
      TelemetryEvent row = report.parse(r, TelemetryEvent.class);
      if (row != null) {
        fold(windows, row, r.timestamp(), global);
      }
    }
    long batchEnd = records.stream().mapToLong(DecodedRecord::timestamp).max().orElse(0);
    windows.values().forEach(w -> emit(w, global, batchEnd));
    report.deadLetter(outputs, deadLetterTopic);
    try {
      report.published(outputs.flush());
    } catch (PublishFailedException e) {
      return report.failed(reportItemFailures, e);
    }
    return report.toResponse(reportItemFailures, Map.of("baseVersion", global.version(), "devices", windows.size()));
  }

  private void fold(Map<String, DeviceWindow> windows, TelemetryEvent row, long now, GlobalModel global) {
    DeviceWindow window = windows.computeIfAbsent(row.deviceId(), trainer::empty);
    trainer.add(window, row, now);
    if (trainer.ready(window, now, global)) {
      emit(window, global, now);
    }
  }

  private void emit(DeviceWindow window, GlobalModel global, long now) {
    trainer.finish(window, global, now).ifPresent(update ->
        outputs.send(settings.updatesTopic(), update.deviceId(), JsonCodec.encode(update)));
  }
}
