package io.flead.fedavg.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.flead.embedded.EmbeddedKafka;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fedavg handler against a real broker: the previous model comes from the compacted topic, the next goes to it. */
class FedAvgHandlerIT {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final String MODELS = "global-model-updates";

  @TempDir
  Path dataDir;

  @Test
  void aBatchClosesTheRoundAfterTheModelOnTheTopicAndARedeliveryClosesNone() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      kafka.createTopic(MODELS, 1, Map.of("cleanup.policy", "compact"));
      publish(kafka, JsonCodec.encode(previous(1)));
      FedAvgHandler handler = new FedAvgHandler(Map.of("bootstrap.servers", kafka.bootstrapServers(),
          "feature.names", String.join(",", FEATURES), "round.size", "3", "round.min.participants", "2"));

      Map<String, Object> first = handler.handleRequest(EventLoader.loadKafkaEvent("lambda/fedavg-batch.json"), null);
      Map<String, Object> again = handler.handleRequest(EventLoader.loadKafkaEvent("lambda/fedavg-batch.json"), null);

      assertThat(first).containsEntry("version", 2L).containsEntry("published", 1);
      assertThat(again).doesNotContainKey("version").containsEntry("published", 0);
      await().atMost(Duration.ofSeconds(30)).until(() -> readModels(kafka).size() == 2);
      List<GlobalModel> models = readModels(kafka);
      assertThat(models).extracting(GlobalModel::version).containsExactly(1L, 2L);
      assertThat(models.get(1).participants()).isEqualTo(3);
    }
  }

  private static void publish(EmbeddedKafka kafka, byte[] model) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(MODELS, "flead".getBytes(StandardCharsets.UTF_8), model));
    }
  }

  private static List<GlobalModel> readModels(EmbeddedKafka kafka) {
    TopicPartition tp = new TopicPartition(MODELS, 0);
    List<GlobalModel> models = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          models.add(JsonCodec.decode(r.value(), GlobalModel.class));
        }
      }
    }
    return models;
  }

  private static GlobalModel previous(long version) {
    FeatureStats stats = FeatureStats.of(new double[][] {{9, 1}, {10, 0}, {11, 1}, {10, 2}}, FEATURES.size());
    return new GlobalModel(version, version, 1_763_800_000_000L, "fedavg", 2, 0, FEATURES, new double[0], 0.0, stats,
        GlobalModel.PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
  }
}
