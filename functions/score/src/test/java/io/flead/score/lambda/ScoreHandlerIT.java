package io.flead.score.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.embedded.EmbeddedKafka;
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
import io.flead.score.config.ScoreConfig;
import io.flead.score.streams.ScoreTopology;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The score handler against a real broker, next to the score Streams app on the same records: the handler
 * reads the model from the compacted topic and publishes to a real topic, and both shells publish the same
 * anomalies and skip the same poison records. Anomalies carry only the row's own time, so nothing is excluded.
 */
class ScoreHandlerIT {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final String TELEMETRY = "edge-iiot-stream";
  private static final String MODELS = "global-model-updates";

  @TempDir
  Path dir;

  @Test
  void theHandlerAndTheStreamsAppPublishTheSameAnomaliesForTheSameRecords() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
         BrokerTopics topics = new BrokerTopics(kafka.bootstrapServers())) {
      kafka.createTopic(LambdaEvents.LAMBDA_DLQ, 1, Map.of());
      kafka.createTopic(TELEMETRY, 2, Map.of());
      kafka.createTopic(MODELS, 1, Map.of("cleanup.policy", "compact"));
      kafka.createTopic("lambda-anomalies", 1, Map.of());
      topics.publish(MODELS, "flead", JsonCodec.encode(statsOnly(3)));
      List<ConsumerRecord<byte[], byte[]>> input = topics.replay("lambda/score-batch.json");

      Map<String, Object> summary = new ScoreHandler(LambdaEvents.lambdaSide(settings(kafka, "lambda-anomalies")))
          .handleRequest(LambdaEvents.of(input, kafka.bootstrapServers(), dir.resolve("event.json")), null);
      try (StreamsAppRunner streams = StreamsShell.start(ScoreConfig.definition(),
          settings(kafka, "streams-anomalies"), dir.resolve("state"), c -> b -> ScoreTopology.build(b, ScoreConfig.settings(c)))) {
        topics.awaitConsumed(ScoreConfig.APPLICATION_ID, TELEMETRY);
      }

      List<Published> lambda = Published.of(topics.readAll("lambda-anomalies"));
      List<Published> streams = Published.of(topics.readAll("streams-anomalies"));
      assertThat(lambda).extracting(Published::key).containsExactly("dev-1", "dev-2");
      assertThat(lambda).extracting(p -> p.field("model_version")).containsOnly("3");
      assertThat(Published.comparable(streams, Set.of())).isEqualTo(Published.comparable(lambda, Set.of()));
      assertThat(summary).containsEntry("modelVersion", 3L).containsEntry("published", 2).containsEntry("skipped", 1);
      assertThat(topics.deadLettered(ScoreConfig.APPLICATION_ID + "-dlq")).hasSize(1).isEqualTo(summary.get("poison"));
      // the handler dead-letters the same records, unchanged, and reports none of them as a batch item failure
      assertThat(topics.deadLettered(LambdaEvents.LAMBDA_DLQ)).isEqualTo(summary.get("poison"));
      assertThat(summary.get("batchItemFailures")).isIn(null, List.of());
    }
  }

  private static Map<String, String> settings(EmbeddedKafka kafka, String anomaliesTopic) {
    return Map.of(FunctionConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), FunctionConfig.TOPIC_ANOMALIES, anomaliesTopic);
  }

  private static GlobalModel statsOnly(long version) {
    FeatureStats stats = FeatureStats.of(new double[][] {{9, 1}, {10, 0}, {11, 1}, {10, 2}, {10, 1}}, FEATURES.size());
    return new GlobalModel(version, version, 1_763_800_000_000L, "fedavg", 2, 0, FEATURES, new double[0], 0.0, stats,
        GlobalModel.PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
  }
}
