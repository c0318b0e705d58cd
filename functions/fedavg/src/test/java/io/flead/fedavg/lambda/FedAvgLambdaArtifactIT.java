package io.flead.fedavg.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.flead.embedded.EmbeddedKafka;
import io.flead.model.JsonCodec;
import io.flead.runtime.lambda.LambdaSettings;
import io.flead.runtime.parity.BrokerTopics;
import io.flead.runtime.parity.LambdaArtifact;
import io.flead.runtime.parity.LambdaEvents;
import io.flead.runtime.parity.Published;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fedavg's Lambda artifact on its own: {@code target/fedavg-lambda.jar} is within the size limit, carries no Kafka
 * Streams or RocksDB, and its handler, loaded from that jar alone, closes the same round as the handler on the test
 * class path for the same batch on a real broker (each on its own model topic; {@code ts} is each run's clock).
 */
class FedAvgLambdaArtifactIT {

  private static final Path JAR = Path.of("target", "fedavg-lambda.jar");

  @TempDir
  Path dir;

  @Test
  void theHandlerRunsFromTheLambdaJarAloneAndClosesTheRoundTheClassPathHandlerCloses() throws Exception {
    assertThat(Files.size(JAR)).isLessThanOrEqualTo(LambdaArtifact.MAX_BYTES);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
         BrokerTopics topics = new BrokerTopics(kafka.bootstrapServers());
         LambdaArtifact artifact = LambdaArtifact.open(JAR)) {
      assertThat(artifact.has("org.apache.kafka.streams.KafkaStreams")).isFalse();
      assertThat(artifact.has("org.rocksdb.RocksDB")).isFalse();
      kafka.createTopic(LambdaEvents.LAMBDA_DLQ, 1, Map.of());
      kafka.createTopic("local-model-updates", 2, Map.of());
      for (String side : List.of("jar", "classpath")) {
        kafka.createTopic(side + "-models", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(side + "-state", 1, Map.of("cleanup.policy", "compact"));
        topics.publish(side + "-models", "flead", JsonCodec.encode(FedAvgHandlerIT.previous(1)));
      }
      KafkaEvent event = LambdaEvents.of(topics.replay("lambda/fedavg-round.json"), kafka.bootstrapServers(),
          dir.resolve("event.json"));

      Object handler = artifact.handler(FedAvgHandler.class.getName(), settings(kafka, "jar"));
      Map<String, Object> fromJar = artifact.handle(handler, event);
      Map<String, Object> fromClassPath = new FedAvgHandler(settings(kafka, "classpath")).handleRequest(event, null);

      List<Published> jar = Published.of(topics.readAll("jar-models"));
      assertThat(jar).hasSize(2);
      assertThat(Published.comparable(jar, Set.of("ts")))
          .isEqualTo(Published.comparable(Published.of(topics.readAll("classpath-models")), Set.of("ts")));
      assertThat(fromJar).containsEntry("version", 2L).isEqualTo(fromClassPath);
    }
  }

  /** Each side a single writer of its own: its own model topic, state topic and transactional id. */
  private static Map<String, String> settings(EmbeddedKafka kafka, String side) {
    Map<String, String> settings = new LinkedHashMap<>(FedAvgHandlerIT.settings(kafka, side + "-models"));
    settings.put(LambdaSettings.STATE_TOPIC, side + "-state");
    settings.put(LambdaSettings.TRANSACTIONAL_ID, side + "-fedavg");
    return LambdaEvents.lambdaSide(settings);
  }
}
