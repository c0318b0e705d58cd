package io.flead.localtrain.lambda;

import io.flead.localtrain.config.LocalTrainConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.flead.localtrain.core.LocalTrainSettings;
import io.flead.localtrain.core.LocalTrainer;
import io.flead.localtrain.streams.LocalTrainTopology;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.LocalModelUpdate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.flead.runtime.parity.RecordingOutputs;

class LocalTrainHandlerTest {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags", "udp.time_delta");
  private static final long T0 = 1_763_800_000_000L;
  private static final String BATCH = "lambda/local-train-batch.json";
  private static final LocalTrainConfig.Settings SETTINGS = new LocalTrainConfig.Settings(
      "edge-iiot-stream", "global-model-updates", "local-model-updates", "flead", 1_000,
      LocalTrainSettings.defaults().withFeatureNames(FEATURES).withTrigger(5, 10_000, 3, 5));

  private final RecordingOutputs outputs = new RecordingOutputs();

  private LocalTrainHandler handler(GlobalModel global) {
    return new LocalTrainHandler(SETTINGS, now -> global, outputs, false, () -> T0);
  }

  @Test
  void trainsEachDeviceOfTheBatchFromTheGlobalModelWithDeterministicIds() {
    Map<String, Object> summary = handler(GlobalModel.initial(FEATURES, T0))
        .handleRequest(EventLoader.loadKafkaEvent(BATCH), null);

    assertThat(outputs.sent).extracting(RecordingOutputs.Sent::topic).containsOnly("local-model-updates",
        "flead-local-train-dlq");
    assertThat(outputs.on("local-model-updates")).extracting(RecordingOutputs.Sent::key).containsExactly("dev-1", "dev-2");
    assertThat(outputs.on("flead-local-train-dlq")).hasSize(2);
    List<LocalModelUpdate> updates = outputs.on("local-model-updates").stream()
        .map(s -> JsonCodec.decode(s.value(), LocalModelUpdate.class)).toList();
    assertThat(updates).extracting(LocalModelUpdate::updateId).containsExactly(
        LocalTrainer.updateId("dev-1", 0, 0, 4), LocalTrainer.updateId("dev-2", 0, 20, 23));
    assertThat(updates).extracting(LocalModelUpdate::baseVersion).containsOnly(0L);
    assertThat(summary).containsEntry("records", 14).containsEntry("published", 2).containsEntry("deadLettered", 2).containsEntry("devices", 3)
        .containsEntry("poison", List.of(Map.of("partition", "edge-iiot-stream-2", "offset", 9L),
            Map.of("partition", "edge-iiot-stream-2", "offset", 10L)));
  }

  @Test
  void theSameBatchDeliveredTwicePublishesTheSameUpdates() {
    LocalTrainHandler handler = handler(GlobalModel.initial(FEATURES, T0));
    handler.handleRequest(EventLoader.loadKafkaEvent(BATCH), null);
    List<RecordingOutputs.Sent> first = List.copyOf(outputs.sent);
    outputs.sent.clear();

    handler.handleRequest(EventLoader.loadKafkaEvent(BATCH), null);

    assertThat(outputs.sent).isEqualTo(first);
  }
}
