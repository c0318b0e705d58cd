package io.flead.score.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.embedded.EmbeddedKafka;
import io.flead.model.JsonCodec;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.parity.BrokerTopics;
import io.flead.runtime.parity.LambdaArtifact;
import io.flead.runtime.parity.LambdaEvents;
import io.flead.runtime.parity.Published;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * score's Lambda artifact on its own: {@code target/score-lambda.jar} is within the size limit, carries no Kafka
 * Streams or RocksDB, and its handler, loaded from that jar alone, scores a batch against a real broker.
 */
class ScoreLambdaArtifactIT {

  private static final Path JAR = Path.of("target", "score-lambda.jar");

  @TempDir
  Path dir;

  @Test
  void theHandlerRunsFromTheLambdaJarAloneAndPublishesTheAnomalies() throws Exception {
    assertThat(Files.size(JAR)).isLessThanOrEqualTo(LambdaArtifact.MAX_BYTES);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
         BrokerTopics topics = new BrokerTopics(kafka.bootstrapServers());
         LambdaArtifact artifact = LambdaArtifact.open(JAR)) {
      assertThat(artifact.has("org.apache.kafka.streams.KafkaStreams")).isFalse();
      assertThat(artifact.has("org.rocksdb.RocksDB")).isFalse();
      kafka.createTopic(LambdaEvents.LAMBDA_DLQ, 1, Map.of());
      kafka.createTopic("edge-iiot-stream", 2, Map.of());
      kafka.createTopic("global-model-updates", 1, Map.of("cleanup.policy", "compact"));
      kafka.createTopic("lambda-anomalies", 1, Map.of());
      topics.publish("global-model-updates", "flead", JsonCodec.encode(RestoredHandlersIT.statsOnly(3)));
      List<ConsumerRecord<byte[], byte[]>> input = topics.replay("lambda/score-batch.json");

      Object handler = artifact.handler(ScoreHandler.class.getName(), LambdaEvents.lambdaSide(
          Map.of(FunctionConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), FunctionConfig.TOPIC_ANOMALIES, "lambda-anomalies")));
      Map<String, Object> summary = artifact.handle(handler,
          LambdaEvents.of(input, kafka.bootstrapServers(), dir.resolve("event.json")));

      assertThat(summary).containsEntry("modelVersion", 3L).containsEntry("published", 2).containsEntry("deadLettered", 1);
      assertThat(Published.of(topics.readAll("lambda-anomalies"))).extracting(Published::key).containsExactly("dev-1", "dev-2");
      assertThat(topics.deadLettered(LambdaEvents.LAMBDA_DLQ)).isEqualTo(summary.get("poison"));
    }
  }
}
