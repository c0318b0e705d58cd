package io.flead.score.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.flead.embedded.EmbeddedKafka;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.parity.BrokerTopics;
import io.flead.runtime.parity.LambdaEvents;
import io.flead.runtime.parity.Published;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SnapStart's restore hooks on a real broker: two handlers each publish, go through {@code beforeCheckpoint} and
 * {@code afterRestore} (as every environment restored from one snapshot does), and publish again. Each of the four
 * producers is its own identity on the broker and published its two anomalies exactly once.
 */
class RestoredHandlersIT {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final String ANOMALIES = "lambda-anomalies";

  @TempDir
  Path dir;

  @Test
  void twoRestoredHandlersPublishWithTheirOwnProducersAndEachOutputOnce() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
         BrokerTopics topics = new BrokerTopics(kafka.bootstrapServers());
         Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      kafka.createTopic(LambdaEvents.LAMBDA_DLQ, 1, Map.of());
      kafka.createTopic("edge-iiot-stream", 2, Map.of());
      kafka.createTopic("global-model-updates", 1, Map.of("cleanup.policy", "compact"));
      kafka.createTopic(ANOMALIES, 1, Map.of());
      topics.publish("global-model-updates", "flead", JsonCodec.encode(statsOnly(3)));
      KafkaEvent event = LambdaEvents.of(topics.replay("lambda/score-batch.json"), kafka.bootstrapServers(),
          dir.resolve("event.json"));
      Map<String, String> settings = LambdaEvents.lambdaSide(
          Map.of(FunctionConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), FunctionConfig.TOPIC_ANOMALIES, ANOMALIES));
      ScoreHandler first = new ScoreHandler(settings);
      ScoreHandler second = new ScoreHandler(settings);

      for (ScoreHandler handler : List.of(first, second)) {
        assertThat(handler.handleRequest(event, null)).containsEntry("published", 2);
      }
      for (ScoreHandler handler : List.of(first, second)) {
        handler.shell().beforeCheckpoint(null);
        handler.shell().afterRestore(null);
      }
      for (ScoreHandler handler : List.of(first, second)) {
        assertThat(handler.handleRequest(event, null)).containsEntry("published", 2);
        assertThat(handler.shell().producersBuilt()).isEqualTo(2);
      }

      List<ProducerState> producers = admin.describeProducers(List.of(new TopicPartition(ANOMALIES, 0))).all().get()
          .get(new TopicPartition(ANOMALIES, 0)).activeProducers();
      assertThat(producers).extracting(ProducerState::producerId).doesNotHaveDuplicates().hasSize(4);
      // each producer's sequence ends at 1: it sent its batch's two anomalies once, none twice, none lost
      assertThat(producers).extracting(ProducerState::lastSequence).containsOnly(1);
      assertThat(Published.of(topics.readAll(ANOMALIES))).extracting(Published::key)
          .containsExactly("dev-1", "dev-2", "dev-1", "dev-2", "dev-1", "dev-2", "dev-1", "dev-2");
      first.shell().close();
      second.shell().close();
    }
  }

  static GlobalModel statsOnly(long version) {
    FeatureStats stats = FeatureStats.of(new double[][] {{9, 1}, {10, 0}, {11, 1}, {10, 2}, {10, 1}}, FEATURES.size());
    return new GlobalModel(version, version, 1_763_800_000_000L, "fedavg", 2, 0, FEATURES, new double[0], 0.0, stats,
        GlobalModel.PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
  }
}
