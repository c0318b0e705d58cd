package io.flead.fedavg.lambda;

import io.flead.fedavg.config.FedAvgConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.streams.FedAvgTopology;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.Rejection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.flead.runtime.parity.RecordingOutputs;

class FedAvgHandlerTest {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final long T0 = 1_763_800_000_000L;
  private static final FedAvgConfig.Settings SETTINGS = new FedAvgConfig.Settings("local-model-updates",
      "global-model-updates", "flead", FEATURES, 1_000, FedAvgSettings.defaults().withRound(3, 10_000, 2));
  private static final String BATCH = "lambda/fedavg-batch.json";

  private final RecordingOutputs outputs = new RecordingOutputs();

  private FedAvgHandler handler(RecordingOutputs to, GlobalModel previous) {
    return new FedAvgHandler(SETTINGS, now -> previous, to, true, () -> T0 + 5_000);
  }

  @Test
  void aBatchIsOneRoundOnTopOfTheModelReadFromTheTopic() {
    GlobalModel previous = GlobalModel.initial(FEATURES, T0);
    Map<String, Object> summary = handler(outputs, previous).handleRequest(EventLoader.loadKafkaEvent(BATCH), null);

    assertThat(outputs.on("global-model-updates")).hasSize(1);
    assertThat(outputs.on("flead-fedavg-dlq")).hasSize(1);
    assertThat(outputs.on("global-model-updates").get(0).key()).isEqualTo("flead");
    GlobalModel next = JsonCodec.decode(outputs.on("global-model-updates").get(0).value(), GlobalModel.class);
    assertThat(next.version()).isEqualTo(1);
    assertThat(next.participants()).isEqualTo(3);
    assertThat(next.rejected()).extracting(Rejection::updateId).containsExactly("dev-1-0-1-4");
    assertThat(summary).containsEntry("records", 5).containsEntry("published", 1).containsEntry("deadLettered", 1).containsEntry("version", 1L)
        .containsEntry("poison", List.of(Map.of("partition", "local-model-updates-1", "offset", 19L)))
        .containsEntry("batchItemFailures", List.of());
  }

  @Test
  void aRedeliveredBatchIsDroppedAsDuplicatesAndClosesNoSecondRound() {
    FedAvgHandler handler = handler(outputs, GlobalModel.initial(FEATURES, T0));
    handler.handleRequest(EventLoader.loadKafkaEvent(BATCH), null);

    Map<String, Object> again = handler.handleRequest(EventLoader.loadKafkaEvent(BATCH), null);

    assertThat(outputs.on("global-model-updates")).hasSize(1);
    assertThat(again).containsEntry("participants", 0).containsEntry("published", 0).doesNotContainKey("version");
  }

  @Test
  void versionsKeepIncreasingFromTheNewestModelEvenWhenTheTopicLags() {
    GlobalModel previous = JsonCodec.decode(JsonCodec.encode(GlobalModel.initial(FEATURES, T0)), GlobalModel.class);
    FedAvgHandler handler = handler(outputs, previous);
    handler.handleRequest(EventLoader.loadKafkaEvent(BATCH), null);
    handler.handleRequest(EventLoader.loadKafkaEvent("lambda/fedavg-next-round.json"), null);

    assertThat(outputs.on("global-model-updates")).extracting(s -> JsonCodec.decode(s.value(), GlobalModel.class).version())
        .containsExactly(1L, 2L);
  }

  @Test
  void aColdContainerGivenTheSameBatchAndModelPublishesTheSameModel() {
    GlobalModel previous = GlobalModel.initial(FEATURES, T0);
    RecordingOutputs other = new RecordingOutputs();
    handler(outputs, previous).handleRequest(EventLoader.loadKafkaEvent(BATCH), null);
    handler(other, previous).handleRequest(EventLoader.loadKafkaEvent(BATCH), null);

    assertThat(other.sent).isEqualTo(outputs.sent);
  }
}
