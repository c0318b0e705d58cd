package io.flead.driftcheck.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.driftcheck.core.DriftSettings;
import io.flead.driftcheck.core.MultipleTestingCorrection;
import io.flead.driftcheck.core.ReferenceMode;
import io.flead.driftcheck.config.DriftCheckConfig;
import io.flead.driftcheck.streams.DriftCheckTopology;
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
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drift-check handler against a real broker, next to the drift-check Streams app on the same records:
 * the handler reads the reference model from the compacted topic and publishes to a real topic, and both
 * shells publish the same alerts and skip the same poison record. Nothing is excluded from the comparison:
 * an alert's {@code ts} is the Kafka timestamp of the row that raised it in both shells, also when the device
 * shares its partition with a device further ahead in time (the second fixture: there the partition's stream
 * time, which the Streams shell evicts idle devices by, is not the alerting device's time).
 */
class DriftCheckHandlerIT {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final String TELEMETRY = "edge-iiot-stream";
  private static final String MODELS = "global-model-updates";
  /** Small windows, so that one batch of 60 rows of a device fills a window. */
  private static final DriftSettings SMALL_WINDOWS = new DriftSettings(40, 20, 0.08, 0.1, 0.25, 1e-4, 1e-3, 1e-5,
      MultipleTestingCorrection.BENJAMINI_HOCHBERG, 20, 0.01, 20.0, 20, 3_600_000L, ReferenceMode.GLOBAL, 20, 40,
      true, DriftSettings.DEFAULTS.ignoredFeatures());

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"lambda/drift-check-batch.json", "lambda/drift-check-shared-partition.json"})
  void theHandlerAndTheStreamsAppPublishTheSameAlertsForTheSameRecords(String fixture) {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
         BrokerTopics topics = new BrokerTopics(kafka.bootstrapServers())) {
      kafka.createTopic(LambdaEvents.LAMBDA_DLQ, 1, Map.of());
      kafka.createTopic(TELEMETRY, 2, Map.of());
      kafka.createTopic(MODELS, 1, Map.of("cleanup.policy", "compact"));
      kafka.createTopic("lambda-drift-alerts", 1, Map.of());
      topics.publish(MODELS, "flead", JsonCodec.encode(model(4)));
      List<ConsumerRecord<byte[], byte[]>> input = topics.replay(fixture);

      Map<String, Object> summary = new DriftCheckHandler(LambdaEvents.lambdaSide(settings(kafka, "lambda-drift-alerts")))
          .handleRequest(LambdaEvents.of(input, kafka.bootstrapServers(), dir.resolve("event.json")), null);
      try (StreamsAppRunner streams = StreamsShell.start(DriftCheckConfig.definition(),
          settings(kafka, "streams-drift-alerts"), dir.resolve("state"),
          c -> b -> DriftCheckTopology.build(b, DriftCheckConfig.settings(c)))) {
        topics.awaitConsumed(DriftCheckConfig.APPLICATION_ID, TELEMETRY);
      }

      List<Published> lambda = Published.of(topics.readAll("lambda-drift-alerts"));
      List<Published> streams = Published.of(topics.readAll("streams-drift-alerts"));
      assertThat(lambda).isNotEmpty().allSatisfy(alert -> {
        assertThat(alert.key()).isEqualTo("dev-1");
        assertThat(alert.field("feature")).isEqualTo("tcp.len");
        assertThat(alert.field("model_version")).isEqualTo("4");
      });
      assertThat(Published.comparable(streams, Set.of())).isEqualTo(Published.comparable(lambda, Set.of()));
      assertThat(summary).containsEntry("modelVersion", 4L).containsEntry("devices", 2)
          .containsEntry("published", lambda.size());
      assertThat(topics.deadLettered(DriftCheckConfig.APPLICATION_ID + "-dlq")).hasSize(1).isEqualTo(summary.get("poison"));
      // the handler dead-letters the same records, unchanged, and reports none of them as a batch item failure
      assertThat(topics.deadLettered(LambdaEvents.LAMBDA_DLQ)).isEqualTo(summary.get("poison"));
      assertThat(summary.get("batchItemFailures")).isIn(null, List.of());
    }
  }

  static Map<String, String> settings(EmbeddedKafka kafka, String alertsTopic) {
    Map<String, String> settings = new HashMap<>(SMALL_WINDOWS.toMap());
    settings.put(FunctionConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    settings.put(FunctionConfig.TOPIC_DRIFT_ALERTS, alertsTopic);
    return settings;
  }

  static GlobalModel model(long version) {
    Random r = new Random(1);
    double[][] rows = new double[20_000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
    }
    return new GlobalModel(version, version, 1_763_800_000_000L, "fedavg", 2, 0, FEATURES, new double[0], 0.0,
        FeatureStats.of(rows, FEATURES.size()), GlobalModel.PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
  }
}
