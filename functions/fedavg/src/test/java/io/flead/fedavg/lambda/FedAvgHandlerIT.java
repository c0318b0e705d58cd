package io.flead.fedavg.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.flead.embedded.EmbeddedKafka;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.config.FedAvgConfig;
import io.flead.fedavg.streams.FedAvgTopology;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.StreamsAppRunner;
import io.flead.runtime.parity.BrokerTopics;
import io.flead.runtime.parity.LambdaEvents;
import io.flead.runtime.parity.Published;
import io.flead.runtime.parity.StreamsShell;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fedavg handler against a real broker: the previous model comes from the compacted topic, the next goes to it. */
class FedAvgHandlerIT {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final String UPDATES = "local-model-updates";
  private static final String MODELS = "global-model-updates";
  private static final String STREAMS_MODELS = "streams-global-model-updates";
  /** The Lambda shell's state topic (the open round), by default {@code <application.id>-lambda-state}. */
  static final String STATE = "flead-fedavg-lambda-state";
  /**
   * A global model's {@code ts} is the wall-clock time its round closed (never below the previous model's) in
   * both shells, read from the clock when each shell closes the round, so the two instants differ. It is the
   * only field left out of the comparison.
   */
  private static final Set<String> CLOCK_FIELDS = Set.of("ts");

  @TempDir
  Path dir;

  @Test
  void aBatchClosesTheRoundAfterTheModelOnTheTopicAndARedeliveryClosesNone() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
         BrokerTopics topics = new BrokerTopics(kafka.bootstrapServers())) {
      kafka.createTopic(LambdaEvents.LAMBDA_DLQ, 1, Map.of());
      kafka.createTopic(MODELS, 1, Map.of("cleanup.policy", "compact"));
      kafka.createTopic(STATE, 1, Map.of("cleanup.policy", "compact"));
      topics.publish(MODELS, "flead", JsonCodec.encode(previous(1)));
      FedAvgHandler handler = new FedAvgHandler(LambdaEvents.lambdaSide(settings(kafka, MODELS)));

      Map<String, Object> first = handler.handleRequest(EventLoader.loadKafkaEvent("lambda/fedavg-batch.json"), null);
      Map<String, Object> again = handler.handleRequest(EventLoader.loadKafkaEvent("lambda/fedavg-batch.json"), null);

      assertThat(first).containsEntry("version", 2L).containsEntry("published", 1);
      assertThat(again).doesNotContainKey("version").containsEntry("published", 0);
      List<GlobalModel> models = topics.awaitRecords(MODELS, 2).stream()
          .map(r -> JsonCodec.decode(r.value(), GlobalModel.class)).toList();
      assertThat(models).extracting(GlobalModel::version).containsExactly(1L, 2L);
      assertThat(models.get(1).participants()).isEqualTo(3);
    }
  }

  /**
   * One round of three devices spread over two partitions, plus a poison record. The Lambda shell folds the batch
   * (BatchSize = K) in partition order, the Streams shell the repartitioned stream in arrival order until K devices;
   * the updates' numbers are exact in binary, so the weighted sums and pooled statistics do not depend on that order.
   */
  @Test
  void theHandlerAndTheStreamsAppCloseTheSameRoundForTheSameRecords() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
         BrokerTopics topics = new BrokerTopics(kafka.bootstrapServers())) {
      kafka.createTopic(UPDATES, 2, Map.of());
      kafka.createTopic(LambdaEvents.LAMBDA_DLQ, 1, Map.of());
      kafka.createTopic(STATE, 1, Map.of("cleanup.policy", "compact"));
      for (String models : List.of(MODELS, STREAMS_MODELS)) {
        kafka.createTopic(models, 1, Map.of("cleanup.policy", "compact"));
        topics.publish(models, "flead", JsonCodec.encode(previous(1)));
      }
      List<ConsumerRecord<byte[], byte[]>> input = topics.replay("lambda/fedavg-round.json");

      Map<String, Object> summary = new FedAvgHandler(LambdaEvents.lambdaSide(settings(kafka, MODELS)))
          .handleRequest(LambdaEvents.of(input, kafka.bootstrapServers(), dir.resolve("event.json")), null);
      List<Published> streams;
      try (StreamsAppRunner app = StreamsShell.start(FedAvgConfig.definition(), settings(kafka, STREAMS_MODELS),
          dir.resolve("state"), c -> b -> FedAvgTopology.build(b, FedAvgConfig.settings(c)))) {
        streams = Published.of(topics.awaitRecords(STREAMS_MODELS, 2));
        topics.awaitConsumed(FedAvgConfig.APPLICATION_ID, UPDATES);
      }
      List<Published> lambda = Published.of(topics.readAll(MODELS));

      GlobalModel next = JsonCodec.decode(topics.readAll(MODELS).get(1).value(), GlobalModel.class);
      assertThat(next.version()).isEqualTo(2);
      assertThat(next.participants()).isEqualTo(3);
      assertThat(next.nSamples()).isEqualTo(16);
      assertThat(next.weights()).containsExactly(0.125, 0.21875);
      assertThat(next.bias()).isEqualTo(-0.1875);
      assertThat(next.rejected()).isEmpty();
      assertThat(Published.comparable(streams, CLOCK_FIELDS)).isEqualTo(Published.comparable(lambda, CLOCK_FIELDS));
      for (List<Published> models : List.of(lambda, streams)) {
        assertThat(models.get(1).value().path("ts").asLong()).isGreaterThanOrEqualTo(models.get(0).value().path("ts").asLong());
      }
      assertThat(summary).containsEntry("version", 2L).containsEntry("published", 1);
      assertThat(topics.deadLettered(FedAvgConfig.APPLICATION_ID + "-dlq")).hasSize(1).isEqualTo(summary.get("poison"));
      // the handler dead-letters the same records, unchanged, and reports none of them as a batch item failure
      assertThat(topics.deadLettered(LambdaEvents.LAMBDA_DLQ)).isEqualTo(summary.get("poison"));
      assertThat(summary.get("batchItemFailures")).isIn(null, List.of());
    }
  }

  static Map<String, String> settings(EmbeddedKafka kafka, String modelsTopic) {
    return Map.of(FunctionConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
        FunctionConfig.TOPIC_GLOBAL_MODELS, modelsTopic,
        FedAvgConfig.FEATURE_NAMES, String.join(",", FEATURES),
        FedAvgSettings.ROUND_SIZE, "3",
        FedAvgSettings.MIN_PARTICIPANTS, "2");
  }

  /**
   * Statistics with the updates' means (15.75, 1.0): pooling them adds exactly in binary, so the pooled {@code m2}
   * does not depend on the order the shells merge the updates in (with other means it differs in the last bit).
   */
  static GlobalModel previous(long version) {
    FeatureStats stats = FeatureStats.of(new double[][] {{14.75, 0}, {16.75, 2}, {15.75, 1}, {15.75, 1}}, FEATURES.size());
    return new GlobalModel(version, version, 1_763_800_000_000L, "fedavg", 2, 0, FEATURES, new double[0], 0.0, stats,
        GlobalModel.PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
  }
}
