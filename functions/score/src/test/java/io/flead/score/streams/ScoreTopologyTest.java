package io.flead.score.streams;

import io.flead.score.config.ScoreConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.flead.model.Anomaly;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.TelemetryEvent;
import io.flead.runtime.FleadSerdes;
import io.flead.score.core.ScoreSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreTopologyTest {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final long T0 = 1_763_800_000_000L;
  private static final ScoreConfig.Settings SETTINGS = new ScoreConfig.Settings("edge-iiot-stream",
      "global-model-updates", "anomalies", "flead", ScoreSettings.defaults());

  @TempDir
  Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, TelemetryEvent> telemetry;
  private TestInputTopic<String, GlobalModel> models;
  private TestOutputTopic<String, Anomaly> anomalies;

  private void open() {
    StreamsBuilder builder = new StreamsBuilder();
    ScoreTopology.build(builder, SETTINGS);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "score-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(builder.build(), props);
    telemetry = driver.createInputTopic("edge-iiot-stream", new StringSerializer(), FleadSerdes.telemetry().serializer());
    models = driver.createInputTopic("global-model-updates", new StringSerializer(), FleadSerdes.globalModel().serializer());
    anomalies = driver.createOutputTopic("anomalies", new StringDeserializer(), FleadSerdes.anomaly().deserializer());
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void nothingIsAnomalousBeforeTheFirstModelHasStatistics() {
    open();
    telemetry.pipeInput("dev-1", row("dev-1", 1, 1_000.0));
    assertThat(anomalies.isEmpty()).isTrue();
  }

  @Test
  void anomaliesCarryTheVersionOfTheModelThatScoredThem() {
    open();
    models.pipeInput("flead", statsOnly(3));
    telemetry.pipeInput("dev-1", row("dev-1", 1, 10.0));
    telemetry.pipeInput("dev-1", row("dev-1", 2, 100.0));

    Anomaly maxZ = anomalies.readValue();
    assertThat(maxZ.seq()).isEqualTo(2);
    assertThat(maxZ.modelVersion()).isEqualTo(3);
    assertThat(maxZ.method()).isEqualTo("max_z");

    models.pipeInput("flead", logistic(4));
    telemetry.pipeInput("dev-2", row("dev-2", 7, 30.0));
    Anomaly logistic = anomalies.readValue();
    assertThat(logistic.modelVersion()).isEqualTo(4);
    assertThat(logistic.method()).isEqualTo("logistic");
    assertThat(logistic.topFeatures().get(0).feature()).isEqualTo("tcp.len");
    assertThat(anomalies.isEmpty()).isTrue();
  }

  @Test
  void anUndecodableModelKeepsThePreviousOneInUse() {
    open();
    models.pipeInput("flead", statsOnly(3));
    telemetry.pipeInput("dev-1", row("dev-1", 0, 10.0));
    driver.createInputTopic("global-model-updates", new StringSerializer(), new ByteArraySerializer())
        .pipeInput("flead", "{\"version\":".getBytes(StandardCharsets.UTF_8));
    telemetry.pipeInput("dev-1", row("dev-1", 1, 100.0));
    assertThat(anomalies.readValue().modelVersion()).isEqualTo(3);
    assertThat(anomalies.isEmpty()).isTrue();
  }

  @Test
  void scoresWithTheModelReadBackFromTheCompactedTopicAfterARestart() {
    open();
    models.pipeInput("flead", statsOnly(5));
    driver.close();

    open();
    models.pipeInput("flead", statsOnly(5));
    telemetry.pipeInput("dev-1", row("dev-1", 1, 100.0));
    assertThat(anomalies.readValue().modelVersion()).isEqualTo(5);
    assertThat(anomalies.isEmpty()).isTrue();
  }

  private static TelemetryEvent row(String device, long seq, double tcpLen) {
    return new TelemetryEvent(device, T0 + seq, seq, Map.of("tcp.len", tcpLen, "tcp.flags", 1.0), 0, "Normal");
  }

  private static FeatureStats stats() {
    return FeatureStats.of(new double[][] {{9, 1}, {10, 0}, {11, 1}, {10, 2}, {10, 1}}, FEATURES.size());
  }

  private static GlobalModel statsOnly(long version) {
    return new GlobalModel(version, version, T0, "fedavg", 2, 0, FEATURES, new double[0], 0.0, stats(),
        GlobalModel.PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
  }

  private static GlobalModel logistic(long version) {
    return new GlobalModel(version, version, T0, "fedavg", 2, 10, FEATURES, new double[] {2.0, 0.0}, -3.0, stats(),
        GlobalModel.PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
  }
}
