package io.flead.driftcheck.streams;

import io.flead.driftcheck.config.DriftCheckConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.flead.driftcheck.core.DeviceDriftState;
import io.flead.driftcheck.core.DriftSettings;
import io.flead.driftcheck.core.ReferenceMode;
import io.flead.model.DriftAlert;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.TelemetryEvent;
import io.flead.runtime.FleadSerdes;
import io.flead.runtime.FoldStateSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftCheckTopologyTest {

  private static final String APP = "drift-check-test";
  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final long T0 = 1_763_800_000_000L;
  private static final long ROW_MS = 100;
  private static final long EVICT_MS = 60_000;
  private static final long PUNCTUATE_MS = 1_000;
  private static final DriftCheckConfig.Settings SETTINGS = new DriftCheckConfig.Settings("edge-iiot-stream",
      "global-model-updates", "drift-alerts", "flead", EVICT_MS, PUNCTUATE_MS,
      DriftSettings.DEFAULTS.withReferenceMode(ReferenceMode.GLOBAL));

  @TempDir
  Path stateDir;

  private final Random random = new Random(7);
  private TopologyTestDriver driver;
  private TestInputTopic<String, TelemetryEvent> telemetry;
  private TestInputTopic<String, GlobalModel> models;
  private TestOutputTopic<String, DriftAlert> alerts;

  private void open() {
    StreamsBuilder builder = new StreamsBuilder();
    DriftCheckTopology.build(builder, SETTINGS);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(T0));
    telemetry = driver.createInputTopic("edge-iiot-stream", new StringSerializer(), FleadSerdes.telemetry().serializer());
    models = driver.createInputTopic("global-model-updates", new StringSerializer(), FleadSerdes.globalModel().serializer());
    alerts = driver.createOutputTopic("drift-alerts", new StringDeserializer(), FleadSerdes.driftAlert().deserializer());
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void rowsWaitForAModelWithStatistics() {
    open();
    pipe("dev-1", 0, 10, 0.0);
    assertThat(states().get("dev-1")).isNull();
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void aShiftedFeatureIsAlertedWithTheModelVersion() {
    open();
    models.pipeInput("flead", model(4), T0);
    pipe("dev-1", 0, 1_000, 0.0);
    assertThat(alerts.isEmpty()).isTrue();

    pipe("dev-1", 1_000, 500, 3.0);

    // the model (max-|z| rule on tcp.len) also flags far more of the shifted rows: the anomaly rate drifts too
    List<DriftAlert> found = alerts.readValuesToList().stream().filter(a -> !a.feature().equals("anomaly_rate")).toList();
    assertThat(found).isNotEmpty().allSatisfy(a -> {
      assertThat(a.deviceId()).isEqualTo("dev-1");
      assertThat(a.feature()).isEqualTo("tcp.len");
      assertThat(a.modelVersion()).isEqualTo(4);
      assertThat(a.statistic()).isGreaterThanOrEqualTo(a.threshold());
    });
    assertThat(found).anySatisfy(a -> assertThat(a.severity()).isEqualTo("alert"));
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void aSilentDeviceIsEvictedWhenStreamTimeMovesOn() {
    open();
    models.pipeInput("flead", model(1), T0);
    pipe("dev-1", 0, 5, 0.0);
    telemetry.pipeInput("dev-2", row("dev-2", 0, 0.0), T0 + EVICT_MS / 2);
    assertThat(states().get("dev-1")).isNotNull();

    telemetry.pipeInput("dev-2", row("dev-2", 1, 0.0), T0 + EVICT_MS + 2 * PUNCTUATE_MS);

    assertThat(states().get("dev-1")).isNull();
    assertThat(states().get("dev-2")).isNotNull();
    assertThat(lastSeenDevices()).containsExactly("dev-2");
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void idleDevicesAreEvictedByTheWallClockWhenInputStops() {
    open();
    models.pipeInput("flead", model(1), T0);
    pipe("dev-1", 0, 5, 0.0);
    driver.advanceWallClockTime(Duration.ofMillis(EVICT_MS / 2));
    assertThat(states().get("dev-1")).isNotNull();

    driver.advanceWallClockTime(Duration.ofMillis(EVICT_MS / 2 + 2 * PUNCTUATE_MS));

    assertThat(states().get("dev-1")).isNull();
    assertThat(lastSeenDevices()).isEmpty();
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void stateIsBoundedByTheWindowNotByTheRowsSeen() {
    open();
    models.pipeInput("flead", model(1), T0);
    pipe("dev-1", 0, 600, 0.0);
    long after600 = states().get("dev-1").arrayBytes();
    pipe("dev-1", 600, 2_000, 0.0);
    assertThat(states().get("dev-1").rowsSeen()).isEqualTo(2_600);
    assertThat(states().get("dev-1").arrayBytes()).isEqualTo(after600);
    assertThat(lastSeenDevices()).containsExactly("dev-1");
    assertThat(alerts.isEmpty()).isTrue();
  }

  /** The driver deletes its state dir on close, so the restart restores the store from its changelog. */
  @Test
  void theWindowContinuesAfterARestore() {
    open();
    models.pipeInput("flead", model(4), T0);
    pipe("dev-1", 0, 1_000, 0.0);
    List<TestRecord<String, byte[]>> changelog = driver.createOutputTopic(APP + "-" + DriftCheckTopology.WINDOW_STORE
        + "-changelog", new StringDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
    driver.close();

    open();
    FoldStateSerde<DeviceDriftState> serde = new FoldStateSerde<>(DeviceDriftState.class);
    changelog.forEach(r -> states().put(r.key(), serde.decode(r.value())));
    models.pipeInput("flead", model(4), T0);
    pipe("dev-1", 1_000, 500, 3.0);

    assertThat(states().get("dev-1").rowsSeen()).isEqualTo(1_500);
    assertThat(alerts.readValuesToList()).filteredOn(a -> !a.feature().equals("anomaly_rate")).isNotEmpty()
        .allSatisfy(a -> assertThat(a.feature()).isEqualTo("tcp.len"));
    assertThat(alerts.isEmpty()).isTrue();
  }

  /**
   * A clean device under a sequence of models that flag very different shares of its unchanged traffic, with
   * attack episodes between its normal rows: neither the model churn nor the attacks are a change of the device.
   */
  @Test
  void modelChurnAndAttackEpisodesOnACleanDeviceAreNotDrift() {
    open();
    double[] biases = {-1.2, -0.61, -0.97, -0.42, -1.2, -0.69}; // flags about 1%, 20%, 5%, 30%, 1%, 16%
    long seq = 0;
    for (int v = 0; v < biases.length; v++) {
      models.pipeInput("flead", judgingModel(v + 1, biases[v]), T0 + seq * ROW_MS);
      for (int i = 0; i < 400; i++, seq++) {
        boolean attack = seq % 200 >= 160;
        telemetry.pipeInput("dev-1", row("dev-1", seq, 0.0, attack ? 1 : 0), T0 + seq * ROW_MS);
      }
    }

    assertThat(states().get("dev-1").rowsSeen()).isEqualTo(seq);
    assertThat(alerts.readValuesToList()).isEmpty();
  }

  /** The same model flagging a growing share of a device's rows is a change of the device. */
  @Test
  void aRisingShareOfRowsTheSameModelFlagsIsAlertedAsAnomalyRateDrift() {
    open();
    models.pipeInput("flead", judgingModel(3, -1.2), T0);
    pipe("dev-1", 0, 1_000, 0.0);
    assertThat(alerts.isEmpty()).isTrue();

    pipe("dev-1", 1_000, 300, 2.5);

    assertThat(alerts.readValuesToList()).anySatisfy(a -> {
      assertThat(a.feature()).isEqualTo("anomaly_rate");
      assertThat(a.method()).isEqualTo("page_hinkley");
      assertThat(a.severity()).isEqualTo("alert");
      assertThat(a.modelVersion()).isEqualTo(3);
    });
  }

  /** Re-baselining the rate on each new model does not hide a device whose data really changes. */
  @Test
  void aShiftedFeatureIsStillAlertedWhileNewModelsKeepArriving() {
    open();
    long seq = 0;
    for (int v = 1; v <= 30; v++) {
      models.pipeInput("flead", judgingModel(v, v % 2 == 0 ? -1.2 : -0.42), T0 + seq * ROW_MS);
      for (int i = 0; i < 50; i++, seq++) {
        telemetry.pipeInput("dev-1", row("dev-1", seq, seq >= 1_000 ? 3.0 : 0.0, 0), T0 + seq * ROW_MS);
      }
    }

    List<DriftAlert> found = alerts.readValuesToList();
    assertThat(found).anySatisfy(a -> {
      assertThat(a.feature()).isEqualTo("tcp.len");
      assertThat(a.severity()).isEqualTo("alert");
    });
    assertThat(found).allSatisfy(a -> assertThat(a.ts()).isGreaterThanOrEqualTo(T0 + 1_000 * ROW_MS));
  }

  private List<String> lastSeenDevices() {
    List<String> devices = new java.util.ArrayList<>();
    KeyValueStore<String, String> index = driver.getKeyValueStore(DriftCheckTopology.LAST_SEEN_STORE);
    try (var all = index.all()) {
      all.forEachRemaining(kv -> devices.add(kv.value));
    }
    return devices;
  }

  private KeyValueStore<String, DeviceDriftState> states() {
    return driver.getKeyValueStore(DriftCheckTopology.WINDOW_STORE);
  }

  private void pipe(String device, long firstSeq, int n, double shift) {
    for (int i = 0; i < n; i++) {
      long seq = firstSeq + i;
      telemetry.pipeInput(device, row(device, seq, shift), T0 + seq * ROW_MS);
    }
  }

  private TelemetryEvent row(String device, long seq, double shift) {
    return row(device, seq, shift, 0);
  }

  private TelemetryEvent row(String device, long seq, double shift, int label) {
    Map<String, Double> features = Map.of("tcp.len", random.nextGaussian() + shift, "tcp.flags", random.nextGaussian());
    return new TelemetryEvent(device, T0 + seq * ROW_MS, seq, features, label, label == 1 ? "DDoS_TCP" : "Normal");
  }

  /**
   * A trained model on the test's statistics flagging rows by tcp.len alone: p = sigmoid(log(1 + z) + bias) against
   * 0.5 flags z above e^-bias - 1, so bias -1.2 flags about 1% of N(0,1) rows and -0.42 about 30%.
   */
  private GlobalModel judgingModel(long version, double bias) {
    GlobalModel m = model(version);
    return new GlobalModel(version, version, T0, "fedavg", 2, 0, FEATURES, new double[] {1.0, 0.0}, bias, m.stats(),
        0.5, Eval.EMPTY, List.of(), null);
  }

  private GlobalModel model(long version) {
    Random r = new Random(1);
    double[][] rows = new double[20_000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
    }
    return new GlobalModel(version, version, T0, "fedavg", 2, 0, FEATURES, new double[0], 0.0,
        FeatureStats.of(rows, FEATURES.size()), GlobalModel.PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
  }
}
