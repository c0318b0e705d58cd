package io.flead.localtrain.streams;

import io.flead.localtrain.config.LocalTrainConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.flead.localtrain.core.LocalTrainSettings;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.TelemetryEvent;
import io.flead.model.UpdateAck;
import io.flead.runtime.FleadSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTrainTopologyTest {

  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags", "udp.time_delta");
  private static final long T0 = 1_763_800_000_000L;
  private static final long INTERVAL_MS = 10_000;
  private static final long PUNCTUATE_MS = 1_000;
  private static final LocalTrainConfig.Settings SETTINGS = new LocalTrainConfig.Settings(
      "edge-iiot-stream", "global-model-updates", "local-model-updates", "flead", PUNCTUATE_MS,
      LocalTrainSettings.defaults().withFeatureNames(FEATURES).withTrigger(5, INTERVAL_MS, 3, 5));

  private static final List<String> STORES = List.of(LocalTrainTopology.HEAD_STORE, LocalTrainTopology.BLOCK_STORE,
      LocalTrainTopology.OPENINGS_STORE);

  @TempDir
  Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, TelemetryEvent> telemetry;
  private TestInputTopic<String, GlobalModel> models;
  private TestOutputTopic<String, LocalModelUpdate> updates;

  private void open() {
    open(SETTINGS);
  }

  private void open(LocalTrainConfig.Settings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    LocalTrainTopology.build(builder, settings);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "local-train-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(T0));
    telemetry = driver.createInputTopic("edge-iiot-stream", new StringSerializer(), FleadSerdes.telemetry().serializer());
    models = driver.createInputTopic("global-model-updates", new StringSerializer(), FleadSerdes.globalModel().serializer());
    updates = driver.createOutputTopic("local-model-updates", new StringDeserializer(), FleadSerdes.localUpdate().deserializer());
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void emitsAnUpdateEveryNRowsFromTheLatestGlobalModel() {
    open();
    pipeRows("dev-1", 1, 5, T0);
    LocalModelUpdate first = updates.readValue();
    assertThat(first.baseVersion()).isZero();
    assertThat(first.nSamples()).isZero();
    assertThat(first.stats().rows()).isEqualTo(5);

    models.pipeInput("flead", modelV1(first.stats()), T0 + 10);
    pipeRows("dev-1", 6, 5, T0 + 100);

    LocalModelUpdate second = updates.readValue();
    assertThat(second.baseVersion()).isEqualTo(1);
    assertThat(second.nSamples()).isEqualTo(5);
    assertThat(second.updateId()).isNotEqualTo(first.updateId());
    assertThat(updates.isEmpty()).isTrue();
  }

  @Test
  void aDevicesNextUpdateWaitsForFedavgsAcknowledgementWhileItsWindowGrows() {
    open(withBackpressure(60_000));
    TestInputTopic<String, UpdateAck> acks = driver.createInputTopic("fedavg-consumed", new StringSerializer(),
        FleadSerdes.of(UpdateAck.class).serializer());
    models.pipeInput("flead", modelV1(FeatureStats.of(new double[][] {{1, 2, 0.1}, {3, 0, 0.2}}, 3)), T0);
    pipeRows("dev-1", 1, 5, T0);
    LocalModelUpdate first = updates.readValue();
    assertThat(first.firstSeq()).isEqualTo(1);
    assertThat(first.lastSeq()).isEqualTo(5);
    pipeRows("dev-1", 6, 8, T0 + 100);
    assertThat(updates.isEmpty()).as("held until the first update is consumed").isTrue();

    acks.pipeInput("dev-1", new UpdateAck("dev-1", "another-update", 1, 3L, 2L, UpdateAck.ACCEPTED, null, T0), T0);
    pipeRows("dev-1", 14, 1, T0 + 200);
    assertThat(updates.isEmpty()).as("an acknowledgement of an earlier update releases nothing").isTrue();

    acks.pipeInput("dev-1", new UpdateAck("dev-1", first.updateId(), 1, 5L, 2L, UpdateAck.ACCEPTED, null, T0), T0);
    driver.advanceWallClockTime(Duration.ofMillis(PUNCTUATE_MS));
    LocalModelUpdate second = updates.readValue();
    assertThat(second.firstSeq()).as("the window grew while held (max.rows 20)").isEqualTo(6);
    assertThat(second.lastSeq()).isEqualTo(14);
    assertThat(second.nSamples()).isEqualTo(9);
    assertThat(updates.isEmpty()).isTrue();
  }

  @Test
  void aDeviceWaitsForAnAcknowledgementNoLongerThanTheTimeout() {
    open(withBackpressure(30_000));
    pipeRows("dev-1", 1, 5, T0);
    LocalModelUpdate first = updates.readValue();
    pipeRows("dev-1", 6, 5, T0 + 100);
    driver.advanceWallClockTime(Duration.ofMillis(20_000));
    assertThat(updates.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofMillis(10_000 + PUNCTUATE_MS));
    LocalModelUpdate second = updates.readValue();
    assertThat(second.firstSeq()).isEqualTo(6);
    assertThat(second.updateId()).isNotEqualTo(first.updateId());
  }

  private static LocalTrainConfig.Settings withBackpressure(long timeoutMs) {
    return new LocalTrainConfig.Settings("edge-iiot-stream", "global-model-updates", "local-model-updates", "flead",
        PUNCTUATE_MS, LocalTrainSettings.defaults().withFeatureNames(FEATURES).withTrigger(5, INTERVAL_MS, 3, 20),
        "fedavg-consumed", timeoutMs);
  }

  @Test
  void anotherDevicesLaterEventTimeDoesNotTriggerAQuietDevice() {
    // Replayed devices start hours apart: the newest event of one device must not make another's window overdue.
    open();
    pipeRows("dev-1", 1, 3, T0);
    pipeRows("dev-2", 1, 2, T0 + 10 * INTERVAL_MS);
    telemetry.pipeInput("dev-2", row("dev-2", 3, T0 + 20 * INTERVAL_MS), T0 + 20 * INTERVAL_MS);
    assertThat(updates.isEmpty()).isTrue();

    driver.advanceWallClockTime(Duration.ofMillis(INTERVAL_MS + PUNCTUATE_MS));

    assertThat(updates.readKeyValuesToMap().keySet()).containsExactlyInAnyOrder("dev-1", "dev-2");
    assertThat(updates.isEmpty()).isTrue();
  }

  @Test
  void emitsWhenTheWallClockPassesTheIntervalWithoutInput() {
    open();
    pipeRows("dev-1", 1, 3, T0);
    driver.advanceWallClockTime(Duration.ofMillis(INTERVAL_MS / 2));
    assertThat(updates.isEmpty()).isTrue();

    driver.advanceWallClockTime(Duration.ofMillis(INTERVAL_MS / 2 + PUNCTUATE_MS));

    assertThat(updates.readKeyValue().key).isEqualTo("dev-1");
    assertThat(count(windows())).isZero();
    assertThat(count(driver.getKeyValueStore(LocalTrainTopology.OPENINGS_STORE))).isZero();
    assertThat(updates.isEmpty()).isTrue();
  }

  @Test
  void keepsAtMostOneBoundedWindowPerDevice() {
    open();
    for (int d = 0; d < 20; d++) {
      pipeRows("dev-" + d, 1, 12, T0);
    }
    assertThat(updates.readValuesToList()).hasSize(40);
    assertThat(count(windows())).isEqualTo(20);
    assertThat(count(driver.getKeyValueStore(LocalTrainTopology.OPENINGS_STORE))).isEqualTo(20);
    try (var all = windows().all()) {
      all.forEachRemaining(kv -> assertThat(kv.value.size()).isEqualTo(2).isLessThanOrEqualTo(SETTINGS.core().maxRows()));
    }
    // each device's 2 rows are in its window's first block
    assertThat(count(driver.getKeyValueStore(LocalTrainTopology.BLOCK_STORE))).isEqualTo(20);
    assertThat(updates.isEmpty()).isTrue();
  }

  /**
   * TopologyTestDriver deletes its state directory on close, so the restart restores the stores the way
   * Streams does on a new instance: from the records the first run wrote to the stores' changelogs.
   */
  @Test
  void resumesAWindowAfterTheStateIsRestored() {
    open();
    pipeRows("dev-1", 1, 3, T0);
    assertThat(updates.isEmpty()).isTrue();
    Map<String, List<TestRecord<String, byte[]>>> changelogs = changelogs();
    driver.close();

    open();
    restore(changelogs);
    assertThat(windows().get("dev-1").size()).isEqualTo(3);
    pipeRows("dev-1", 4, 2, T0 + 100);

    LocalModelUpdate update = updates.readValue();
    assertThat(update.stats().rows()).isEqualTo(5);
    assertThat(update.updateId()).isEqualTo(io.flead.localtrain.core.LocalTrainer.updateId("dev-1", 0, 1, 5));
    assertThat(updates.isEmpty()).isTrue();
  }

  @Test
  void aRestoredWindowIsStillEmittedByTheWallClock() {
    open();
    pipeRows("dev-1", 1, 3, T0);
    Map<String, List<TestRecord<String, byte[]>>> changelogs = changelogs();
    driver.close();

    open();
    restore(changelogs);
    pipeRows("dev-2", 1, 1, T0 + 10);
    driver.advanceWallClockTime(Duration.ofMillis(INTERVAL_MS + PUNCTUATE_MS));

    LocalModelUpdate update = updates.readValue();
    assertThat(update.deviceId()).isEqualTo("dev-1");
    assertThat(update.stats().rows()).isEqualTo(3);
    assertThat(updates.isEmpty()).isTrue();
  }

  /** A window spread over several row blocks is restored row for row: its update is the uninterrupted run's. */
  @Test
  void aWindowOfSeveralBlocksIsRestoredRowForRow() {
    LocalTrainConfig.Settings twenty = new LocalTrainConfig.Settings("edge-iiot-stream", "global-model-updates",
        "local-model-updates", "flead", PUNCTUATE_MS,
        LocalTrainSettings.defaults().withFeatureNames(FEATURES).withTrigger(20, INTERVAL_MS, 3, 20));
    open(twenty);
    models.pipeInput("flead", modelV1(statsOfRows(1, 19)), T0);
    pipeRows("dev-1", 1, 19, T0);
    assertThat(windows().get("dev-1")).isEqualTo(new WindowHead(T0, 0, 19, 19));
    assertThat(count(driver.getKeyValueStore(LocalTrainTopology.BLOCK_STORE))).isEqualTo((19 + RowBlock.ROWS - 1) / RowBlock.ROWS)
        .isGreaterThan(2);
    Map<String, List<TestRecord<String, byte[]>>> changelogs = changelogs();
    driver.close();

    open(twenty);
    models.pipeInput("flead", modelV1(statsOfRows(1, 19)), T0);
    restore(changelogs);
    assertThat(windows().get("dev-1")).isEqualTo(new WindowHead(T0, 0, 19, 19));
    pipeRows("dev-1", 20, 1, T0 + 100);
    LocalModelUpdate restored = updates.readValue();
    assertThat(updates.isEmpty()).isTrue();
    assertThat(count(driver.getKeyValueStore(LocalTrainTopology.BLOCK_STORE))).isZero();
    driver.close();

    open(twenty);
    models.pipeInput("flead", modelV1(statsOfRows(1, 19)), T0);
    pipeRows("dev-1", 1, 19, T0);
    pipeRows("dev-1", 20, 1, T0 + 100);
    LocalModelUpdate uninterrupted = updates.readValue();

    assertThat(restored.updateId()).isEqualTo(io.flead.localtrain.core.LocalTrainer.updateId("dev-1", 1, 1, 20))
        .isEqualTo(uninterrupted.updateId());
    assertThat(restored.nSamples()).isEqualTo(20);
    assertThat(FleadSerdes.localUpdate().serializer().serialize("", restored))
        .isEqualTo(FleadSerdes.localUpdate().serializer().serialize("", uninterrupted));
    assertThat(updates.isEmpty()).isTrue();
  }

  @Test
  void openingKeysSortByOpeningTimeThenDevice() {
    assertThat(LocalTrainProcessor.openingKey(T0, "dev-1")).isEqualTo(String.format("%019d/%s", T0, "dev-1"));
    assertThat(LocalTrainProcessor.openingKey(-5, "d")).isEqualTo("0".repeat(19) + "/d");
    List<String> keys = new java.util.ArrayList<>(List.of(LocalTrainProcessor.openingKey(10, "a"),
        LocalTrainProcessor.openingKey(Long.MAX_VALUE, ""), LocalTrainProcessor.openingKey(9, "b"),
        LocalTrainProcessor.openingKey(10, "")));
    java.util.Collections.sort(keys);
    assertThat(keys).containsExactly(LocalTrainProcessor.openingKey(9, "b"), LocalTrainProcessor.openingKey(10, ""),
        LocalTrainProcessor.openingKey(10, "a"), LocalTrainProcessor.openingKey(Long.MAX_VALUE, ""));
  }

  private static FeatureStats statsOfRows(long firstSeq, int n) {
    FeatureStats stats = new FeatureStats(FEATURES.size());
    for (long seq = firstSeq; seq < firstSeq + n; seq++) {
      Map<String, Double> f = row("dev-1", seq, T0).features();
      stats.addRow(FEATURES.stream().mapToDouble(f::get).toArray(), 0);
    }
    return stats;
  }

  private KeyValueStore<String, WindowHead> windows() {
    return driver.getKeyValueStore(LocalTrainTopology.HEAD_STORE);
  }

  /** Every store's changelog records, as raw bytes, by store name. */
  private Map<String, List<TestRecord<String, byte[]>>> changelogs() {
    Map<String, List<TestRecord<String, byte[]>>> logs = new LinkedHashMap<>();
    for (String store : STORES) {
      logs.put(store, driver.createOutputTopic("local-train-test-" + store + "-changelog", new StringDeserializer(),
          new ByteArrayDeserializer()).readRecordsToList());
    }
    return logs;
  }

  /** Writes the changelogs' records into the fresh stores, as Streams does when it restores a new instance. */
  private void restore(Map<String, List<TestRecord<String, byte[]>>> changelogs) {
    KeyValueStore<String, WindowHead> heads = windows();
    changelogs.get(LocalTrainTopology.HEAD_STORE)
        .forEach(r -> heads.put(r.key(), WindowHead.serde().deserializer().deserialize("", r.value())));
    KeyValueStore<String, RowBlock> blocks = driver.getKeyValueStore(LocalTrainTopology.BLOCK_STORE);
    var blockSerde = RowBlock.serde(FEATURES.size());
    changelogs.get(LocalTrainTopology.BLOCK_STORE)
        .forEach(r -> blocks.put(r.key(), blockSerde.deserializer().deserialize("", r.value())));
    KeyValueStore<String, String> openings = driver.getKeyValueStore(LocalTrainTopology.OPENINGS_STORE);
    changelogs.get(LocalTrainTopology.OPENINGS_STORE)
        .forEach(r -> openings.put(r.key(), r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8)));
  }

  private static long count(KeyValueStore<String, ?> store) {
    long n = 0;
    try (var all = store.all()) {
      while (all.hasNext()) {
        all.next();
        n++;
      }
    }
    return n;
  }

  private void pipeRows(String device, long firstSeq, int n, long ts) {
    for (int i = 0; i < n; i++) {
      telemetry.pipeInput(device, row(device, firstSeq + i, ts + i), ts + i);
    }
  }

  private static TelemetryEvent row(String device, long seq, long ts) {
    int label = seq % 4 == 0 ? 1 : 0;
    Map<String, Double> features = Map.of("tcp.len", 10.0 + seq % 7 + 30 * label, "tcp.flags", (double) (seq % 3),
        "udp.time_delta", 0.1 * (seq % 5));
    return new TelemetryEvent(device, ts, seq, features, label, label == 1 ? "DDoS_UDP" : "Normal");
  }

  private static GlobalModel modelV1(FeatureStats stats) {
    return new GlobalModel(1, 1, T0, "fedavg", 1, 5, FEATURES, new double[FEATURES.size()], 0.0, stats,
        GlobalModel.PRIOR_THRESHOLD, Eval.EMPTY, List.of(), null);
  }
}
