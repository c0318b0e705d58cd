package io.flead.fedavg.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import io.flead.embedded.EmbeddedKafka;
import io.flead.fedavg.config.FedAvgConfig;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.LocalModelUpdate;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.lambda.LambdaSettings;
import io.flead.runtime.parity.BrokerTopics;
import io.flead.runtime.parity.LambdaEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fedavg on Lambda as one aggregator on a real broker: a container folds half a round and is replaced mid-round by a
 * new one (which fences it); the new container closes the round with every update the old one accepted, the old one
 * can no longer publish, and Lambda's retry of its batch on the new container closes the next round. Read committed,
 * the model topic holds each version once.
 */
class SingleWriterIT {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final String UPDATES = "local-model-updates";
  private static final String MODELS = "global-model-updates";

  @TempDir
  Path dir;

  @Test
  void aReplacedContainerLosesNoAcceptedUpdateAndNoVersionIsPublishedTwice() {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
         BrokerTopics topics = new BrokerTopics(kafka.bootstrapServers())) {
      kafka.createTopic(LambdaEvents.LAMBDA_DLQ, 1, Map.of());
      kafka.createTopic(MODELS, 1, Map.of("cleanup.policy", "compact"));
      kafka.createTopic(FedAvgHandlerIT.STATE, 1, Map.of("cleanup.policy", "compact"));
      topics.publish(MODELS, "flead", JsonCodec.encode(FedAvgHandlerIT.previous(1)));
      Map<String, String> settings = LambdaEvents.lambdaSide(Map.of(
          FunctionConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
          FedAvgConfig.FEATURE_NAMES, String.join(",", FEATURES),
          FedAvgSettings.MIN_PARTICIPANTS, "3",
          LambdaSettings.REPORT_BATCH_ITEM_FAILURES, "true"));

      FedAvgHandler old = new FedAvgHandler(settings);
      Map<String, Object> half = old.handleRequest(event(0, update("dev-1", 1), update("dev-2", 1)), null);
      FedAvgHandler replacement = new FedAvgHandler(settings);
      Map<String, Object> closed = replacement.handleRequest(event(2, update("dev-3", 1)), null);
      KafkaEvent next = event(3, update("dev-4", 2), update("dev-5", 2), update("dev-6", 2));
      Map<String, Object> fenced = old.handleRequest(next, null);
      Map<String, Object> retried = replacement.handleRequest(next, null);
      Map<String, Object> redelivered = replacement.handleRequest(event(2, update("dev-3", 1)), null);

      assertThat(half).containsEntry("participants", 2).doesNotContainKey("version").containsEntry("published", 0);
      assertThat(closed).containsEntry("version", 2L).containsEntry("published", 1);
      // the old container's transaction is refused: the batch is reported for retry, nothing of it is readable
      assertThat(fenced).containsEntry("published", 0).containsEntry("batchItemFailures",
          List.of(Map.of("itemIdentifier", Map.of("partition", UPDATES + "-0", "offset", 3L))));
      assertThat(retried).containsEntry("version", 3L).containsEntry("published", 1);
      assertThat(redelivered).doesNotContainKey("version").containsEntry("published", 0);

      List<GlobalModel> models = topics.readAll(MODELS).stream()
          .map(r -> JsonCodec.decode(r.value(), GlobalModel.class)).toList();
      assertThat(models).extracting(GlobalModel::version).containsExactly(1L, 2L, 3L);
      // version 2 holds the two updates accepted by the replaced container and the one accepted by its replacement
      assertThat(models.get(1).participants()).isEqualTo(3);
      assertThat(models.get(1).nSamples()).isEqualTo(3 * 8);
      assertThat(models.get(1).rejected()).isEmpty();
      assertThat(models.get(2).participants()).isEqualTo(3);
      old.shell().close();
      replacement.shell().close();
    }
  }

  private static LocalModelUpdate update(String device, long baseVersion) {
    FeatureStats stats = FeatureStats.of(new double[][] {{14.75, 0}, {16.75, 2}}, FEATURES.size());
    return new LocalModelUpdate("u-" + device + "-" + baseVersion, device, baseVersion, 1_763_800_001_000L, 8, FEATURES,
        new double[] {0.125, 0.25}, -0.125, stats, 0.3, Eval.counts(1, 0, 6, 1), null);
  }

  /** A batch of one partition of {@code local-model-updates} from {@code firstOffset}, as a mapping delivers it. */
  private static KafkaEvent event(long firstOffset, LocalModelUpdate... updates) {
    List<KafkaEventRecord> records = new ArrayList<>();
    for (int i = 0; i < updates.length; i++) {
      KafkaEventRecord r = new KafkaEventRecord();
      r.setTopic(UPDATES);
      r.setPartition(0);
      r.setOffset(firstOffset + i);
      r.setTimestamp(1_763_800_002_000L + firstOffset + i);
      r.setTimestampType("CREATE_TIME");
      r.setKey(Base64.getEncoder().encodeToString(updates[i].deviceId().getBytes(StandardCharsets.UTF_8)));
      r.setValue(Base64.getEncoder().encodeToString(JsonCodec.encode(updates[i])));
      r.setHeaders(List.of());
      records.add(r);
    }
    Map<String, List<KafkaEventRecord>> byPartition = new LinkedHashMap<>();
    byPartition.put(UPDATES + "-0", records);
    KafkaEvent event = new KafkaEvent();
    event.setEventSource("SelfManagedKafka");
    event.setRecords(byPartition);
    return event;
  }
}
