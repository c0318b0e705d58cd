package io.flead.score.lambda;

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
  private static final ScoreTopology.Settings SETTINGS = new ScoreTopology.Settings("edge-iiot-stream",
      "global-model-updates", "anomalies", "flead", ScoreSettings.defaults());

  private final RecordingOutputs outputs = new RecordingOutputs();

  private ScoreHandler handler(boolean reportItemFailures) {
    return new ScoreHandler(SETTINGS, now -> statsOnly(3), outputs, reportItemFailures, () -> T0);
  }

  @Test
  void scoresEveryPartitionOfTheBatchAndPublishesTheAnomaliesInPartitionOrder() {
    Map<String, Object> summary = handler(false).handleRequest(EventLoader.loadKafkaEvent("lambda/score-batch.json"), null);

    assertThat(outputs.sent).extracting(RecordingOutputs.Sent::topic).containsOnly("anomalies");
    assertThat(outputs.sent).extracting(RecordingOutputs.Sent::key).containsExactly("dev-1", "dev-2");
    List<Anomaly> anomalies = outputs.sent.stream().map(s -> JsonCodec.decode(s.value(), Anomaly.class)).toList();
    assertThat(anomalies).extracting(Anomaly::seq).containsExactly(2L, 7L);
    assertThat(anomalies).extracting(Anomaly::modelVersion).containsOnly(3L);
    assertThat(summary).containsEntry("records", 6).containsEntry("published", 2).containsEntry("skipped", 1)
        .containsEntry("modelVersion", 3L).doesNotContainKey("batchItemFailures");
  }

  @Test
  void poisonRecordsAreSkippedAndReportedByPartitionAndOffset() {
    Map<String, Object> summary = handler(true).handleRequest(EventLoader.loadKafkaEvent("lambda/score-batch.json"), null);

    List<Map<String, Object>> poison = List.of(item(6), item(7));
    assertThat(summary.get("poison")).isEqualTo(poison);
    assertThat(summary.get("batchItemFailures"))
        .isEqualTo(poison.stream().map(p -> Map.of("itemIdentifier", p)).toList());
    assertThat(outputs.sent).hasSize(2);
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

  private static Map<String, Object> item(long offset) {
    return Map.of("partition", "edge-iiot-stream-1", "offset", offset);
  }

  private static GlobalModel statsOnly(long version) {
    FeatureStats stats = FeatureStats.of(new double[][] {{9, 1}, {10, 0}, {11, 1}, {10, 2}, {10, 1}}, FEATURES.size());
    return new GlobalModel(version, version, T0, "fedavg", 2, 0, FEATURES, new double[0], 0.0, stats,
        GlobalModel.PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
  }
}
