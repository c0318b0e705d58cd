package io.flead.fedavg.streams;

import io.flead.fedavg.config.FedAvgConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.flead.fedavg.core.FedAvgSettings;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.Rejection;
import io.flead.model.UpdateAck;
import io.flead.runtime.FleadSerdes;
import io.flead.runtime.FunctionConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
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

class FedAvgTopologyTest {

  private static final String APP = "fedavg-test";
  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final long T0 = 1_763_800_000_000L;
  private static final long DEADLINE_MS = 10_000;
  private static final long PUNCTUATE_MS = 1_000;
  private static final FedAvgConfig.Settings SETTINGS = new FedAvgConfig.Settings("local-model-updates",
      "global-model-updates", "flead", FEATURES, PUNCTUATE_MS, FedAvgSettings.defaults().withRound(3, DEADLINE_MS, 2));

  @TempDir
  Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, LocalModelUpdate> updates;
  private TestInputTopic<String, GlobalModel> published;
  private TestOutputTopic<String, GlobalModel> models;

  private void open() {
    open(SETTINGS);
  }

  private void open(FedAvgConfig.Settings settings) {
    open(settings, new Properties());
  }

  private void open(FedAvgConfig.Settings settings, Properties extra) {
    StreamsBuilder builder = new StreamsBuilder();
    FedAvgTopology.build(builder, settings);
    Properties props = new Properties();
    props.putAll(extra);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(T0));
    updates = driver.createInputTopic("local-model-updates", new StringSerializer(), FleadSerdes.localUpdate().serializer());
    published = driver.createInputTopic("global-model-updates", new StringSerializer(), FleadSerdes.globalModel().serializer());
    models = driver.createOutputTopic("global-model-updates", new StringDeserializer(), FleadSerdes.globalModel().deserializer());
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  /**
   * An update crosses to the round's partition as the bytes it was read as: one that is not an update is
   * dead-lettered at the source as read, and the updates around it make their round.
   */
  @Test
  void anUndecodableUpdateIsDeadLetteredAndTheRoundGoesOn() {
    Properties handlers = new Properties();
    handlers.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        io.flead.runtime.DeadLetterHandler.class.getName());
    open(SETTINGS, handlers);
    pipe(update("u1", "dev-1", 0, T0));
    driver.createInputTopic("local-model-updates", new StringSerializer(), new StringSerializer())
        .pipeInput("dev-x", "{\"update_id\": \"broken\"", T0 + 1);
    pipe(update("u2", "dev-2", 0, T0 + 2), update("u3", "dev-3", 0, T0 + 3));

    // (the dead letter itself, with the record's own topic, partition and offset, is checked against a real broker
    // in FedAvgHandlerIT: the test driver does not produce a deserialization handler's records)
    GlobalModel model = models.readValue();
    assertThat(model.version()).isEqualTo(1);
    assertThat(model.participants()).isEqualTo(3);
  }

  @Test
  void closesARoundOnKDistinctDevices() {
    open();
    pipe(update("u1", "dev-1", 0, T0), update("u2", "dev-2", 0, T0 + 1), update("u3", "dev-3", 0, T0 + 2));

    TestRecord<String, GlobalModel> model = models.readRecord();
    assertThat(model.key()).isEqualTo("flead");
    assertThat(model.value().version()).isEqualTo(1);
    assertThat(model.value().round()).isEqualTo(1);
    assertThat(model.value().participants()).isEqualTo(3);
    assertThat(model.value().stats().rows()).isEqualTo(3 * 4);

    pipe(update("u4", "dev-4", 1, T0 + 3));
    assertThat(models.isEmpty()).isTrue();
  }

  @Test
  void everyConsumedUpdateIsAcknowledgedRejectedOnesAtOnceAcceptedOnesWhenTheirRoundCloses() {
    open();
    TestOutputTopic<String, UpdateAck> acks = driver.createOutputTopic(FunctionConfig.DEFAULT_UPDATE_ACKS,
        new StringDeserializer(), FleadSerdes.of(UpdateAck.class).deserializer());
    pipe(update("u1", "dev-1", 0, T0), update("u2", "dev-2", 0, T0 + 1), update("u1", "dev-1", 0, T0 + 2));
    TestRecord<String, UpdateAck> duplicate = acks.readRecord();
    assertThat(duplicate.key()).isEqualTo("dev-1");
    assertThat(duplicate.value().outcome()).isEqualTo("duplicate_update_id");
    assertThat(duplicate.value().version()).isNull();
    assertThat(acks.isEmpty()).as("accepted updates wait for their round").isTrue();

    pipe(update("u3", "dev-3", 0, T0 + 3));
    GlobalModel model = models.readValue();
    List<UpdateAck> accepted = acks.readValuesToList();
    assertThat(accepted).extracting(UpdateAck::updateId).containsExactlyInAnyOrder("u1", "u2", "u3");
    assertThat(accepted).allSatisfy(a -> {
      assertThat(a.outcome()).isEqualTo(UpdateAck.ACCEPTED);
      assertThat(a.version()).isEqualTo(model.version());
    });
    assertThat(model.rejectedCounts()).containsEntry("duplicate_update_id", 1L);
  }

  @Test
  void staleUpdatesAreRejectedOnArrivalAndNeverPublishAVersion() {
    open(new FedAvgConfig.Settings("local-model-updates", "global-model-updates", "flead", FEATURES, PUNCTUATE_MS,
        FedAvgSettings.defaults().withRound(3, DEADLINE_MS, 2).withBounds(1, 1e4, 100_000)));
    for (int r = 0; r < 3; r++) {
      pipe(update("r" + r + "a", "dev-1", r, T0 + r), update("r" + r + "b", "dev-2", r, T0 + r),
          update("r" + r + "c", "dev-3", r, T0 + r));
    }
    assertThat(models.readValuesToList()).extracting(GlobalModel::version).containsExactly(1L, 2L, 3L);
    // a wave of updates still on version 0, three versions behind (bound 1): rejected one by one, no version
    pipe(update("x1", "dev-4", 0, T0 + 10), update("x2", "dev-5", 0, T0 + 11), update("x3", "dev-6", 0, T0 + 12));
    driver.advanceWallClockTime(Duration.ofMillis(10 * DEADLINE_MS));
    assertThat(models.isEmpty()).isTrue();
    pipe(update("y1", "dev-1", 3, T0 + 20), update("y2", "dev-2", 3, T0 + 21));
    driver.advanceWallClockTime(Duration.ofMillis(DEADLINE_MS + PUNCTUATE_MS));
    GlobalModel v4 = models.readValue();
    assertThat(v4.version()).isEqualTo(4);
    assertThat(v4.participants()).isEqualTo(2);
    assertThat(v4.rejectedCounts()).containsExactly(java.util.Map.entry("stale", 3L));
    assertThat(models.isEmpty()).isTrue();
  }

  @Test
  void eventTimesDoNotCloseARoundOnlyTheWallClockDoes() {
    open();
    pipe(update("u1", "dev-1", 0, T0), update("u2", "dev-2", 0, T0 + 1));
    pipe(update("u1b", "dev-1", 0, T0 + 10 * DEADLINE_MS));
    assertThat(models.isEmpty()).isTrue();

    driver.advanceWallClockTime(Duration.ofMillis(DEADLINE_MS + PUNCTUATE_MS));

    TestRecord<String, GlobalModel> model = models.readRecord();
    assertThat(model.value().version()).isEqualTo(1);
    assertThat(model.value().participants()).isEqualTo(2);
    assertThat(model.value().rejected()).extracting(r -> r.updateId()).containsExactly("u1");
    assertThat(model.value().ts()).isEqualTo(T0 + DEADLINE_MS + PUNCTUATE_MS).isEqualTo(model.timestamp());
    assertThat(models.isEmpty()).isTrue();
  }

  @Test
  void modelTimestampsAreTheWallClockNotTheUpdatesEventTimes() {
    open();
    pipe(update("u1", "dev-1", 0, T0 + 50_000), update("u2", "dev-2", 0, T0 - 50_000), update("u3", "dev-3", 0, T0));
    GlobalModel first = models.readValue();
    driver.advanceWallClockTime(Duration.ofMillis(PUNCTUATE_MS));
    pipe(update("u4", "dev-4", 1, T0 - 90_000), update("u5", "dev-5", 1, T0 - 80_000), update("u6", "dev-6", 1, T0));
    GlobalModel second = models.readValue();

    assertThat(first.ts()).isEqualTo(T0);
    assertThat(second.ts()).isEqualTo(T0 + PUNCTUATE_MS);
  }

  @Test
  void closesARoundAtItsDeadlineByTheWallClockWhenUpdatesStop() {
    open();
    pipe(update("u1", "dev-1", 0, T0), update("u2", "dev-2", 0, T0 + 1));
    driver.advanceWallClockTime(Duration.ofMillis(DEADLINE_MS / 2));
    assertThat(models.isEmpty()).isTrue();

    driver.advanceWallClockTime(Duration.ofMillis(DEADLINE_MS / 2 + PUNCTUATE_MS));

    assertThat(models.readValue().participants()).isEqualTo(2);
    assertThat(models.isEmpty()).isTrue();
  }

  @Test
  void aDuplicateUpdateIsRejectedNotCounted() {
    open();
    pipe(update("u1", "dev-1", 0, T0), update("u1", "dev-1", 0, T0 + 1), update("u2", "dev-2", 0, T0 + 2),
        update("u3", "dev-3", 0, T0 + 3));

    GlobalModel model = models.readValue();
    assertThat(model.participants()).isEqualTo(3);
    assertThat(model.stats().rows()).isEqualTo(3 * 4);
    assertThat(model.rejected()).extracting(Rejection::updateId).containsExactly("u1");
    assertThat(model.rejected().get(0).reason()).contains("duplicate");
    assertThat(models.isEmpty()).isTrue();
  }

  @Test
  void keepsOneRoundAndOneModelWhateverTheNumberOfRounds() {
    open(new FedAvgConfig.Settings("local-model-updates", "global-model-updates", "flead", FEATURES, PUNCTUATE_MS,
        FedAvgSettings.defaults().withRound(3, DEADLINE_MS, 2).withBounds(3, 1e4, 100_000)));
    for (int r = 0; r < 10; r++) {
      for (int d = 0; d < 3; d++) {
        pipe(update("r" + r + "d" + d, "dev-" + d, r, T0 + 10L * r + d));
      }
    }
    assertThat(models.readValuesToList()).extracting(GlobalModel::version)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(keys(driver.getKeyValueStore(FedAvgTopology.ROUND_STORE))).containsExactly(FedAvgTopology.ROUND_KEY);
    assertThat(keys(driver.getKeyValueStore(FedAvgTopology.ROUND_UPDATES_STORE))).isEmpty();
    assertThat(keys(driver.getKeyValueStore(FedAvgTopology.MODEL_STORE))).containsExactly("flead");
    // the history keeps the versions within the staleness bound (3) and no more, besides version 0 (the zero model
    // versions without weights start from)
    assertThat(keys(driver.getKeyValueStore(FedAvgTopology.HISTORY_STORE))).containsExactly(StoredModelHistory.key(0),
        StoredModelHistory.key(7),
        StoredModelHistory.key(8), StoredModelHistory.key(9), StoredModelHistory.key(10));
    assertThat(models.isEmpty()).isTrue();
  }

  /**
   * TopologyTestDriver deletes its state directory on close, so the restart restores the stores the
   * way Streams does on a new instance: from the bytes the first run wrote to their changelogs.
   */
  @Test
  void roundVersionAndCountedIdsSurviveARestoreFromTheChangelogs() {
    open();
    pipe(update("u1", "dev-1", 0, T0), update("u2", "dev-2", 0, T0 + 1), update("u3", "dev-3", 0, T0 + 2));
    GlobalModel first = models.readValue();
    pipe(update("v1", "dev-1", 1, T0 + 10));
    List<String> stores = List.of(FedAvgTopology.ROUND_STORE, FedAvgTopology.ROUND_UPDATES_STORE,
        FedAvgTopology.MODEL_STORE, FedAvgTopology.HISTORY_STORE, FedAvgTopology.SEEN_IDS_STORE,
        FedAvgTopology.SEEN_ARRIVALS_STORE);
    java.util.Map<String, List<TestRecord<String, byte[]>>> logs = new java.util.HashMap<>();
    stores.forEach(store -> logs.put(store, changelog(store)));
    // one entry per accepted update, written at most once (an update accepted and aggregated between two commits is
    // never written), and deleted when its round closes: not the whole round rewritten per update
    List<TestRecord<String, byte[]>> members = logs.get(FedAvgTopology.ROUND_UPDATES_STORE);
    assertThat(members.stream().filter(r -> r.value() != null).map(TestRecord::key).toList()).hasSizeBetween(1, 4)
        .endsWith("dev-1");
    assertThat(members.get(members.size() - 1).value()).isNotNull();
    driver.close();

    open();
    logs.forEach(this::restore);
    pipe(update("v1", "dev-1", 1, T0 + 11), update("v2", "dev-2", 1, T0 + 12), update("v3", "dev-3", 1, T0 + 13));

    GlobalModel second = models.readValue();
    assertThat(second.version()).isEqualTo(first.version() + 1);
    assertThat(second.round()).isEqualTo(2);
    assertThat(second.participants()).isEqualTo(3);
    assertThat(second.rejected()).extracting(Rejection::updateId).containsExactly("v1");
    assertThat(models.isEmpty()).isTrue();
  }

  /**
   * FedAvgM's momentum lives in the model history store: an instance restored from the changelogs takes the same
   * next step as one that never stopped, where an instance that only read the model back from its topic does not.
   */
  @Test
  void theServerMomentumSurvivesARestoreFromTheChangelogs() {
    FedAvgConfig.Settings momentum = new FedAvgConfig.Settings("local-model-updates", "global-model-updates",
        "flead", FEATURES, PUNCTUATE_MS, FedAvgSettings.defaults().withRound(3, DEADLINE_MS, 2)
            .withServer(io.flead.fedavg.core.ServerOptimizer.momentum(0.5, 0.9)));
    open(momentum);
    pipe(update("u1", "dev-1", 0, T0), update("u2", "dev-2", 0, T0 + 1), update("u3", "dev-3", 0, T0 + 2));
    pipe(update("v1", "dev-1", 1, T0 + 10), update("v2", "dev-2", 1, T0 + 11), update("v3", "dev-3", 1, T0 + 12));
    List<GlobalModel> before = models.readValuesToList();
    assertThat(before).extracting(GlobalModel::version).containsExactly(1L, 2L);
    // the change (0.5, 0.1, -1) from the zero model, times the server rate 0.5
    assertThat(before.get(1).weights()).containsExactly(new double[] {0.25, 0.05}, org.assertj.core.api.Assertions.within(1e-12));
    java.util.Map<String, List<TestRecord<String, byte[]>>> logs = new java.util.HashMap<>();
    List.of(FedAvgTopology.ROUND_STORE, FedAvgTopology.ROUND_UPDATES_STORE, FedAvgTopology.MODEL_STORE,
        FedAvgTopology.HISTORY_STORE, FedAvgTopology.SEEN_IDS_STORE, FedAvgTopology.SEEN_ARRIVALS_STORE)
        .forEach(store -> logs.put(store, changelog(store)));
    driver.close();

    open(momentum);
    logs.forEach(this::restore);
    pipe(update("w1", "dev-1", 2, T0 + 20), update("w2", "dev-2", 2, T0 + 21), update("w3", "dev-3", 2, T0 + 22));
    GlobalModel restored = models.readValue();
    driver.close();

    open(momentum);
    published.pipeInput("flead", before.get(1), T0 + 15);
    pipe(update("w1", "dev-1", 2, T0 + 20), update("w2", "dev-2", 2, T0 + 21), update("w3", "dev-3", 2, T0 + 22));
    GlobalModel withoutStore = models.readValue();

    // change (0.25, 0.05, -0.5); m = 0.9 (0.5, 0.1, -1) + change = (0.7, 0.14, -1.4); step 0.5 m
    assertThat(restored.version()).isEqualTo(3);
    assertThat(restored.weights()).containsExactly(new double[] {0.6, 0.12}, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(restored.bias()).isCloseTo(-1.2, org.assertj.core.api.Assertions.within(1e-12));
    // the momentum lost, the step is 0.5 times the change alone
    assertThat(withoutStore.weights()).containsExactly(new double[] {0.375, 0.075}, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void aFreshInstanceContinuesTheVersionsReadBackFromTheCompactedTopic() {
    open();
    pipe(update("u1", "dev-1", 0, T0), update("u2", "dev-2", 0, T0 + 1), update("u3", "dev-3", 0, T0 + 2));
    GlobalModel first = models.readValue();
    driver.close();

    open();
    published.pipeInput("flead", first, T0 + 5);
    pipe(update("v1", "dev-1", 1, T0 + 11), update("v2", "dev-2", 1, T0 + 12), update("v3", "dev-3", 1, T0 + 13));

    GlobalModel second = models.readValue();
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.round()).isEqualTo(2);
    assertThat(second.stats().rows()).isEqualTo(first.stats().rows() + 3 * 4);
    assertThat(models.isEmpty()).isTrue();
  }

  @Test
  void remembersUpdateIdsOutsideTheRoundBufferUpToTheirCapacity() {
    open(new FedAvgConfig.Settings("local-model-updates", "global-model-updates", "flead", FEATURES, PUNCTUATE_MS,
        FedAvgSettings.defaults().withRound(3, DEADLINE_MS, 2).withBounds(5, 1e4, 4)));
    pipe(update("u1", "dev-1", 0, T0), update("u2", "dev-2", 0, T0 + 1), update("u3", "dev-3", 0, T0 + 2));
    pipe(update("v1", "dev-1", 1, T0 + 10), update("v2", "dev-2", 1, T0 + 11));
    assertThat(models.readValuesToList()).hasSize(1);

    // Five ids received, four remembered: u3 (still remembered) is a duplicate; u1 is forgotten, so it is judged as a
    // new update (and loses to dev-1's newer v1).
    pipe(update("u3", "dev-3", 0, T0 + 12), update("u1", "dev-1", 0, T0 + 13), update("v3", "dev-3", 1, T0 + 14));

    GlobalModel second = models.readValue();
    assertThat(second.rejected()).extracting(Rejection::updateId).containsExactlyInAnyOrder("u3", "u1");
    assertThat(second.rejected()).filteredOn(r -> r.updateId().equals("u3")).first()
        .extracting(Rejection::reason).asString().contains("duplicate");
    assertThat(second.rejected()).filteredOn(r -> r.updateId().equals("u1")).first()
        .extracting(Rejection::reason).asString().doesNotContain("duplicate");
    // The capacity keeps the four latest arrivals: u1 came back after v2, then v3 pushed out u2 and u3.
    assertThat(keys(driver.getKeyValueStore(FedAvgTopology.SEEN_IDS_STORE))).containsExactlyInAnyOrder("v1", "v2", "u1", "v3");
    assertThat(keys(driver.getKeyValueStore(FedAvgTopology.ROUND_UPDATES_STORE))).isEmpty();
    assertThat(models.isEmpty()).isTrue();
  }

  /** Writes a changelog's records back into the store through the store's own serdes (the raw bytes layer). */
  private void restore(String store, List<TestRecord<String, byte[]>> log) {
    org.apache.kafka.streams.processor.StateStore state = driver.getAllStateStores().get(store);
    org.apache.kafka.streams.processor.StateStore inner = state;
    while (inner instanceof org.apache.kafka.streams.state.internals.WrappedStateStore<?, ?, ?> w) {
      inner = w.wrapped();
    }
    @SuppressWarnings("unchecked")
    KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]> bytes = (KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>) inner;
    log.forEach(r -> bytes.put(org.apache.kafka.common.utils.Bytes.wrap(r.key().getBytes(StandardCharsets.UTF_8)), r.value()));
  }

  private List<TestRecord<String, byte[]>> changelog(String store) {
    return driver.createOutputTopic(APP + "-" + store + "-changelog", new StringDeserializer(), new ByteArrayDeserializer())
        .readRecordsToList();
  }

  private static List<String> keys(KeyValueStore<String, ?> store) {
    List<String> keys = new java.util.ArrayList<>();
    try (var all = store.all()) {
      all.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }

  private void pipe(LocalModelUpdate... list) {
    for (LocalModelUpdate u : list) {
      updates.pipeInput(u.deviceId(), u, u.ts());
    }
  }

  private static LocalModelUpdate update(String id, String device, long baseVersion, long ts) {
    FeatureStats stats = FeatureStats.of(new double[][] {{10, 1}, {12, 0}, {11, 1}, {30, 2}}, FEATURES.size());
    long samples = baseVersion == 0 ? 0 : 4;
    double[] weights = baseVersion == 0 ? new double[FEATURES.size()] : new double[] {0.5, 0.1};
    return new LocalModelUpdate(id, device, baseVersion, ts, samples, FEATURES, weights, baseVersion == 0 ? 0 : -1.0,
        stats, 0.3, Eval.counts(1, 0, 3, 0), null);
  }
}
