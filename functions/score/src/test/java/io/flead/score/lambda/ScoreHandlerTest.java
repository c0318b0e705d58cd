package io.flead.score.lambda;

import io.flead.score.config.ScoreConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.flead.model.Anomaly;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.score.core.ScoreSettings;
import io.flead.score.streams.ScoreTopology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.flead.runtime.parity.RecordingOutputs;

class ScoreHandlerTest {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final long T0 = 1_763_800_000_000L;
  private static final ScoreConfig.Settings SETTINGS = new ScoreConfig.Settings("edge-iiot-stream",
      "global-model-updates", "anomalies", "flead", ScoreSettings.defaults());

  private final RecordingOutputs outputs = new RecordingOutputs();

  private ScoreHandler handler(boolean reportItemFailures) {
    return new ScoreHandler(SETTINGS, now -> statsOnly(3), outputs, reportItemFailures, () -> T0);
  }

  @Test
  void scoresEveryPartitionOfTheBatchAndPublishesTheAnomaliesInPartitionOrder() {
    Map<String, Object> summary = handler(false).handleRequest(EventLoader.loadKafkaEvent("lambda/score-batch.json"), null);

    assertThat(outputs.sent).extracting(RecordingOutputs.Sent::topic).containsOnly("anomalies", "flead-score-dlq");
    assertThat(outputs.on("anomalies")).extracting(RecordingOutputs.Sent::key).containsExactly("dev-1", "dev-2");
    List<Anomaly> anomalies = outputs.on("anomalies").stream().map(s -> JsonCodec.decode(s.value(), Anomaly.class)).toList();
    assertThat(anomalies).extracting(Anomaly::seq).containsExactly(2L, 7L);
    assertThat(anomalies).extracting(Anomaly::modelVersion).containsOnly(3L);
    assertThat(summary).containsEntry("records", 6).containsEntry("published", 2).containsEntry("deadLettered", 2).containsEntry("skipped", 1)
        .containsEntry("modelVersion", 3L).doesNotContainKey("batchItemFailures");
  }

  @Test
  void poisonRecordsAreDeadLetteredUnchangedAndNotReportedAsBatchItemFailures() {
    KafkaEvent event = EventLoader.loadKafkaEvent("lambda/score-batch.json");
    Map<String, Object> summary = handler(true).handleRequest(event, null);

    List<Map<String, Object>> poison = List.of(item(6), item(7));
    assertThat(summary.get("poison")).isEqualTo(poison);
    // a batch item failure would make Lambda retry the poison record and every record behind it in its partition
    assertThat(summary.get("batchItemFailures")).isEqualTo(List.of());
    assertThat(outputs.on("anomalies")).hasSize(2);
    List<RecordingOutputs.Sent> dead = outputs.on("flead-score-dlq");
    assertThat(dead).hasSize(2);
    List<KafkaEvent.KafkaEventRecord> inputs = event.getRecords().get("edge-iiot-stream-1");
    for (int i = 0; i < dead.size(); i++) {
      long offset = (Long) poison.get(i).get("offset");
      KafkaEvent.KafkaEventRecord in = inputs.stream().filter(r -> r.getOffset() == offset).findFirst().orElseThrow();
      assertThat(dead.get(i).value()).isEqualTo(inputValue(in));
      Map<String, byte[]> headers = outputs.headers.get(outputs.sent.indexOf(dead.get(i)));
      assertThat(new String(headers.get(io.flead.runtime.DeadLetterHandler.HEADER_TOPIC))).isEqualTo("edge-iiot-stream");
      assertThat(new String(headers.get(io.flead.runtime.DeadLetterHandler.HEADER_PARTITION))).isEqualTo("1");
      assertThat(new String(headers.get(io.flead.runtime.DeadLetterHandler.HEADER_OFFSET))).isEqualTo(Long.toString(offset));
      assertThat(headers).containsKeys(io.flead.runtime.DeadLetterHandler.HEADER_EXCEPTION,
          io.flead.runtime.DeadLetterHandler.HEADER_MESSAGE);
    }
  }

  @Test
  void aBatchWhoseOutputsCannotBePublishedIsReportedFromTheFirstRecordOfEachPartition() {
    KafkaEvent event = EventLoader.loadKafkaEvent("lambda/score-batch.json");
    outputs.failNextFlush();

    Map<String, Object> summary = handler(true).handleRequest(event, null);

    List<Map<String, Object>> expected = event.getRecords().values().stream()
        .map(batch -> Map.<String, Object>of("itemIdentifier", Map.<String, Object>of(
            "partition", batch.get(0).getTopic() + "-" + batch.get(0).getPartition(),
            "offset", batch.stream().mapToLong(KafkaEvent.KafkaEventRecord::getOffset).min().orElseThrow())))
        .toList();
    assertThat(summary.get("batchItemFailures")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .hasSize(2).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(summary).containsEntry("published", 0);
  }

  @Test
  void withoutItemFailuresAFailedPublishFailsTheInvocation() {
    outputs.failNextFlush();
    ScoreHandler handler = handler(false);
    KafkaEvent event = EventLoader.loadKafkaEvent("lambda/score-batch.json");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> handler.handleRequest(event, null))
        .isInstanceOf(io.flead.runtime.lambda.PublishFailedException.class);
  }

  @Test
  void theSameBatchDeliveredTwicePublishesTheSameAnomalies() {
    ScoreHandler handler = handler(false);
    KafkaEvent event = EventLoader.loadKafkaEvent("lambda/score-batch.json");
    handler.handleRequest(event, null);
    List<RecordingOutputs.Sent> first = List.copyOf(outputs.sent);
    outputs.sent.clear();

    handler.handleRequest(EventLoader.loadKafkaEvent("lambda/score-batch.json"), null);

    assertThat(outputs.sent).isEqualTo(first);
  }

  /** The record's value as it was produced: decoded from base64, or the text itself when it is not base64. */
  private static String inputValue(KafkaEvent.KafkaEventRecord in) {
    try {
      return new String(java.util.Base64.getDecoder().decode(in.getValue()), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return in.getValue();
    }
  }

  private static Map<String, Object> item(long offset) {
    return Map.of("partition", "edge-iiot-stream-1", "offset", offset);
  }

  private static GlobalModel statsOnly(long version) {
    FeatureStats stats = FeatureStats.of(new double[][] {{9, 1}, {10, 0}, {11, 1}, {10, 2}, {10, 1}}, FEATURES.size());
    return new GlobalModel(version, version, T0, "fedavg", 2, 0, FEATURES, new double[0], 0.0, stats,
        GlobalModel.PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
  }
}
