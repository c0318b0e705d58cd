package io.flead.localtrain.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.flead.localtrain.config.LocalTrainConfig;
import io.flead.localtrain.core.DeviceWindow;
import io.flead.localtrain.core.LocalTrainer;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.TelemetryEvent;
import io.flead.runtime.lambda.Batch;
import io.flead.runtime.lambda.DecodedRecord;
import io.flead.runtime.lambda.LambdaShell;
import io.flead.runtime.lambda.ModelSource;
import io.flead.runtime.lambda.Outputs;
import java.util.LinkedHashMap;
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
  private final LambdaShell shell;

  /** Builds the producer and the model reader once per container from {@code FLEAD_*} variables. */
  public LocalTrainHandler() {
    this(Map.of());
  }

  /** As the Lambda runtime builds it, with {@code overrides} (keys such as {@code bootstrap.servers}) winning. */
  public LocalTrainHandler(Map<String, String> overrides) {
    this(LambdaShell.deployed(LocalTrainConfig.definition(), overrides,
        c -> LocalTrainConfig.settings(c).core().featureNames(), true));
  }

  private LocalTrainHandler(LambdaShell shell) {
    this(LocalTrainConfig.settings(shell.config()), shell);
  }

  /** As {@link #LocalTrainHandler(LocalTrainConfig.Settings, ModelSource, Outputs, String, boolean, LongSupplier)}, dead-lettering to {@code <application.id>-dlq}. */
  LocalTrainHandler(LocalTrainConfig.Settings settings, ModelSource models, Outputs outputs, boolean reportItemFailures,
      LongSupplier clock) {
    this(settings, models, outputs, LocalTrainConfig.APPLICATION_ID + "-dlq", reportItemFailures, clock);
  }

  LocalTrainHandler(LocalTrainConfig.Settings settings, ModelSource models, Outputs outputs, String deadLetterTopic,
      boolean reportItemFailures, LongSupplier clock) {
    this(settings, LambdaShell.of(models, outputs, deadLetterTopic, reportItemFailures, clock));
  }

  private LocalTrainHandler(LocalTrainConfig.Settings settings, LambdaShell shell) {
    this.settings = settings;
    this.trainer = new LocalTrainer(settings.core());
    this.shell = shell;
  }

  @Override
  public Map<String, Object> handleRequest(KafkaEvent event, Context context) {
    return shell.handle(event, context, this::train);
  }
  /** The shell: its SnapStart restore hooks and its clients. */
  public LambdaShell shell() {
    return shell;
  }


  private Map<String, Object> train(Batch batch) {
    GlobalModel global = batch.models().latest(batch.now());
    Map<String, DeviceWindow> windows = new LinkedHashMap<>();
    for (DecodedRecord r : batch.records()) {
      TelemetryEvent row = batch.parse(r, TelemetryEvent.class);
      if (row != null) {
        fold(batch, windows, row, r.timestamp(), global);
      }
    }
    long batchEnd = batch.newestTimestamp();
    windows.values().forEach(w -> emit(batch, w, global, batchEnd));
    return Map.of("baseVersion", global.version(), "devices", windows.size());
  }

  private void fold(Batch batch, Map<String, DeviceWindow> windows, TelemetryEvent row, long now, GlobalModel global) {
    DeviceWindow window = windows.computeIfAbsent(row.deviceId(), trainer::empty);
    trainer.add(window, row, now);
    if (trainer.ready(window, now, global)) {
      emit(batch, window, global, now);
    }
  }

  private void emit(Batch batch, DeviceWindow window, GlobalModel global, long now) {
    trainer.finish(window, global, now).ifPresent(update ->
        batch.send(settings.updatesTopic(), update.deviceId(), JsonCodec.encode(update)));
  }
}
