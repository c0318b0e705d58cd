package io.flead.localtrain.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.embedded.EmbeddedKafka;
import io.flead.localtrain.core.LocalTrainSettings;
import io.flead.localtrain.core.LocalTrainer;
import io.flead.localtrain.config.LocalTrainConfig;
import io.flead.localtrain.streams.LocalTrainTopology;
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

/**
 * The local-train handler against a real broker, next to the local-train Streams app on the same records:
 * the handler trains from the model on the compacted topic and publishes to a real topic, and both shells
 * publish the same updates (ids, base version, samples, weights, statistics, loss, evaluation) and skip the
 * same poison record.
 *
 * <p>Windows close every 3 rows in both shells. The rest of a window (one row per device here) is published
 * by the Lambda shell at the end of the batch and by the Streams shell when {@code trigger.interval.ms} has
 * passed on the wall clock, so the Streams outputs are awaited until that many arrived. The rows' Kafka
 * timestamps span less than that interval, so it never fires inside the batch in the Lambda shell.
 */
class LocalTrainHandlerIT {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final String TELEMETRY = "edge-iiot-stream";
  private static final String MODELS = "global-model-updates";
  /**
   * An update's {@code ts} is the time it was made, on each shell's own clock: the Lambda shell uses the Kafka
   * timestamp of the row that made the window due (the batch's newest at its end), so that a redelivered batch
   * republishes identical updates; the Streams shell uses the wall clock at emission, the clock its T trigger
   * runs on. It is the only field left out of the comparison.
   */
  private static final Set<String> CLOCK_FIELDS = Set.of("ts");

  @TempDir
  Path dir;

  @Test
  void theHandlerAndTheStreamsAppPublishTheSameUpdatesForTheSameRecords() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
         BrokerTopics topics = new BrokerTopics(kafka.bootstrapServers())) {
      kafka.createTopic(LambdaEvents.LAMBDA_DLQ, 1, Map.of());
      kafka.createTopic(TELEMETRY, 3, Map.of());
      kafka.createTopic(MODELS, 1, Map.of("cleanup.policy", "compact"));
      kafka.createTopic("lambda-local-model-updates", 1, Map.of());
      topics.publish(MODELS, "flead", JsonCodec.encode(trained(3)));
      List<ConsumerRecord<byte[], byte[]>> input = topics.replay("lambda/local-train-batch.json");

      Map<String, Object> summary = new LocalTrainHandler(LambdaEvents.lambdaSide(settings(kafka, "lambda-local-model-updates")))
          .handleRequest(LambdaEvents.of(input, kafka.bootstrapServers(), dir.resolve("event.json")), null);
      List<Published> lambda = Published.of(topics.readAll("lambda-local-model-updates"));
      List<Published> streams;
      try (StreamsAppRunner app = StreamsShell.start(LocalTrainConfig.definition(),
          settings(kafka, "streams-local-model-updates"), dir.resolve("state"),
          c -> b -> LocalTrainTopology.build(b, LocalTrainConfig.settings(c)))) {
        topics.awaitConsumed(LocalTrainConfig.APPLICATION_ID, TELEMETRY);
        streams = Published.of(topics.awaitRecords("streams-local-model-updates", lambda.size()));
      }

      assertThat(lambda).extracting(p -> p.field("update_id")).containsExactlyInAnyOrder(
          id("dev-1", 0, 2), id("dev-1", 3, 5), id("dev-1", 6, 6), id("dev-2", 20, 22), id("dev-2", 23, 23), id("dev-9", 1, 1));
      assertThat(lambda).extracting(p -> p.field("base_version")).containsOnly("3");
      // The Lambda shell's clock: the timestamp of the row completing a window, else the batch's newest.
      long batchEnd = input.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
      assertThat(lambda).extracting(p -> p.value().path("ts").asLong()).containsExactlyInAnyOrder(
          1_763_800_030_200L, 1_763_800_030_500L, batchEnd, 1_763_800_005_200L, batchEnd, batchEnd);
      assertThat(Published.comparable(streams, CLOCK_FIELDS)).isEqualTo(Published.comparable(lambda, CLOCK_FIELDS));
      assertThat(summary).containsEntry("baseVersion", 3L).containsEntry("devices", 3).containsEntry("published", 6);
      assertThat(topics.deadLettered(LocalTrainConfig.APPLICATION_ID + "-dlq")).hasSize(1).isEqualTo(summary.get("poison"));
      // the handler dead-letters the same records, unchanged, and reports none of them as a batch item failure
      assertThat(topics.deadLettered(LambdaEvents.LAMBDA_DLQ)).isEqualTo(summary.get("poison"));
      assertThat(summary.get("batchItemFailures")).isIn(null, List.of());
    }
  }

  private static String id(String device, long firstSeq, long lastSeq) {
    return LocalTrainer.updateId(device, 3, firstSeq, lastSeq);
  }

  /**
   * The Lambda shell folds each batch on its own and waits for no acknowledgement from fedavg, so the Streams app's
   * back-pressure is off here and both shells emit every due window (back-pressure is tested in LocalTrainTopologyTest
   * and in fedavg's LoopBacklogIT).
   */
  static Map<String, String> settings(EmbeddedKafka kafka, String updatesTopic) {
    return Map.of(FunctionConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
        LocalTrainConfig.BACKPRESSURE, "false",
        FunctionConfig.TOPIC_LOCAL_UPDATES, updatesTopic,
        LocalTrainSettings.FEATURE_NAMES, String.join(",", FEATURES),
        LocalTrainSettings.TRIGGER_ROWS, "3",
        LocalTrainSettings.MIN_ROWS, "1",
        LocalTrainSettings.TRIGGER_INTERVAL_MS, "2000");
  }

  /** A model with pooled statistics and weights, so that training and evaluation both have work to do. */
  static GlobalModel trained(long version) {
    FeatureStats stats = FeatureStats.of(new double[][] {{9, 1}, {10, 0}, {11, 1}, {10, 2}, {40, 1}, {12, 0}},
        FEATURES.size());
    return new GlobalModel(version, version, 1_763_800_000_000L, "fedavg", 2, 12, FEATURES, new double[] {0.5, -0.25},
        -0.1, stats, 0.5, Eval.EMPTY, List.of(), null);
  }
}
