package io.flead.driftcheck.lambda;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * drift-check's Lambda artifact on its own: {@code target/drift-check-lambda.jar} is within the size limit, carries no Kafka Streams
 * or RocksDB, and its handler, loaded from that jar alone, publishes what the handler on the test class path
 * publishes for the same batch on a real broker (each to its own topic; {@code ts} is each run's clock).
 */
class DriftCheckLambdaArtifactIT {

  private static final Path JAR = Path.of("target", "drift-check-lambda.jar");

  @TempDir
  Path dir;

  @Test
  void theHandlerRunsFromTheLambdaJarAloneAndPublishesWhatTheClassPathHandlerPublishes() throws Exception {
    assertThat(Files.size(JAR)).isLessThanOrEqualTo(LambdaArtifact.MAX_BYTES);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
         BrokerTopics topics = new BrokerTopics(kafka.bootstrapServers());
         LambdaArtifact artifact = LambdaArtifact.open(JAR)) {
      assertThat(artifact.has("org.apache.kafka.streams.KafkaStreams")).isFalse();
      assertThat(artifact.has("org.rocksdb.RocksDB")).isFalse();
      kafka.createTopic(LambdaEvents.LAMBDA_DLQ, 1, Map.of());
      kafka.createTopic("edge-iiot-stream", 2, Map.of());
      for (String side : List.of("jar", "classpath")) {
        kafka.createTopic(side + "-models", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(side + "-out", 1, Map.of());
        topics.publish(side + "-models", "flead", JsonCodec.encode(DriftCheckHandlerIT.model(4)));
      }
      KafkaEvent event = LambdaEvents.of(topics.replay("lambda/drift-check-batch.json"), kafka.bootstrapServers(), dir.resolve("event.json"));

      Map<String, Object> fromJar = artifact.handle(artifact.handler(DriftCheckHandler.class.getName(), settings(kafka, "jar")), event);
      Map<String, Object> fromClassPath = new DriftCheckHandler(settings(kafka, "classpath")).handleRequest(event, null);

      List<Published> jar = Published.of(topics.readAll("jar-out"));
      assertThat(jar).isNotEmpty();
      assertThat(Published.comparable(jar, Set.of("ts")))
          .isEqualTo(Published.comparable(Published.of(topics.readAll("classpath-out")), Set.of("ts")));
      assertThat(fromJar).containsEntry("published", jar.size()).isEqualTo(fromClassPath);
    }
  }

  private static Map<String, String> settings(EmbeddedKafka kafka, String side) {
    Map<String, String> settings = new LinkedHashMap<>(DriftCheckHandlerIT.settings(kafka, "unused"));
    settings.put(FunctionConfig.TOPIC_GLOBAL_MODELS, side + "-models");
    settings.put(FunctionConfig.TOPIC_DRIFT_ALERTS, side + "-out");
    return LambdaEvents.lambdaSide(settings);
  }
}
