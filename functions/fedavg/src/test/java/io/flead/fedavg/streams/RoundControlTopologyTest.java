package io.flead.fedavg.streams;

import io.flead.fedavg.config.FedAvgConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.flead.fedavg.core.FedAvgSettings;
import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.LocalModelUpdate;
import io.flead.runtime.FleadSerdes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round commands on the control topic: close now with enough participants, a reason otherwise, one reply each. */
class RoundControlTopologyTest {
  private static final List<String> FEATURES = List.of("tcp.len", "tcp.flags");
  private static final long T0 = 1_763_800_000_000L;
  private static final FedAvgConfig.Settings SETTINGS = new FedAvgConfig.Settings("local-model-updates",
      "global-model-updates", "flead", FEATURES, 1_000, FedAvgSettings.defaults().withRound(10, 600_000, 2),
      "fedavg-control", "fedavg-control-replies");

  @TempDir
  Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, LocalModelUpdate> updates;
  private TestInputTopic<String, String> commands;
  private TestOutputTopic<String, GlobalModel> models;
  private TestOutputTopic<String, String> replies;

  @BeforeEach
  void open() {
    StreamsBuilder builder = new StreamsBuilder();
    FedAvgTopology.build(builder, SETTINGS);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fedavg-control-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(T0));
    updates = driver.createInputTopic("local-model-updates", new StringSerializer(), FleadSerdes.localUpdate().serializer());
    commands = driver.createInputTopic("fedavg-control", new StringSerializer(), new StringSerializer());
    models = driver.createOutputTopic("global-model-updates", new StringDeserializer(), FleadSerdes.globalModel().deserializer());
    replies = driver.createOutputTopic("fedavg-control-replies", new StringDeserializer(), new StringDeserializer());
  }

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void closesTheOpenRoundNowWhenItHasTheMinimumOfParticipants() {
    updates.pipeInput("dev-1", update("u1", "dev-1"), T0);
    updates.pipeInput("dev-2", update("u2", "dev-2"), T0 + 1);
    assertThat(models.isEmpty()).isTrue();

    command("r1");

    GlobalModel model = models.readValue();
    assertThat(model.version()).isEqualTo(1);
    assertThat(model.participants()).isEqualTo(2);
    RoundReply reply = reply("r1");
    assertThat(reply.closed()).isTrue();
    assertThat(reply.version()).isEqualTo(1L);
    assertThat(reply.participants()).isEqualTo(2);
    assertThat(reply.reason()).isNull();
    assertThat(models.isEmpty()).isTrue();
    assertThat(replies.isEmpty()).isTrue();
  }

  @Test
  void refusesWithAReasonWhenTooFewDevicesAreInTheRound() {
    updates.pipeInput("dev-1", update("u1", "dev-1"), T0);

    command("r2");

    RoundReply reply = reply("r2");
    assertThat(reply.closed()).isFalse();
    assertThat(reply.version()).isNull();
    assertThat(reply.participants()).isEqualTo(1);
    assertThat(reply.reason()).contains("too few participants").contains("1 device(s)").contains("at least 2");
    assertThat(models.isEmpty()).isTrue();
    // the round stays open: a second device lets the next command close it with both
    updates.pipeInput("dev-2", update("u2", "dev-2"), T0 + 1);
    command("r3");
    assertThat(models.readValue().participants()).isEqualTo(2);
    assertThat(reply("r3").closed()).isTrue();
  }

  @Test
  void answersAMalformedCommandWithoutClosing() {
    updates.pipeInput("dev-1", update("u1", "dev-1"), T0);
    updates.pipeInput("dev-2", update("u2", "dev-2"), T0 + 1);

    commands.pipeInput("r4", "{\"command\":\"open-sesame\",\"request_id\":\"r4\"}", T0 + 2);
    commands.pipeInput("r5", "not json", T0 + 3);

    assertThat(reply("r4").reason()).contains("unknown command 'open-sesame'");
    RoundReply malformed = reply("r5");
    assertThat(malformed.closed()).isFalse();
    assertThat(malformed.reason()).contains("malformed");
    assertThat(models.isEmpty()).isTrue();
  }

  private void command(String id) {
    commands.pipeInput(id, JsonCodec.encodeToString(new RoundCommand(RoundCommand.CLOSE_ROUND, id, T0)), T0 + 5);
  }

  private RoundReply reply(String id) {
    TestRecord<String, String> r = replies.readRecord();
    assertThat(r.key()).isEqualTo(id);
    RoundReply reply = JsonCodec.decode(r.value(), RoundReply.class);
    assertThat(reply.requestId()).isEqualTo(id);
    return reply;
  }

  private static LocalModelUpdate update(String id, String device) {
    FeatureStats stats = FeatureStats.of(new double[][] {{10, 1}, {12, 0}, {11, 1}, {30, 2}}, FEATURES.size());
    return new LocalModelUpdate(id, device, 0, T0, 4, FEATURES, new double[] {0.5, 0.1}, -1.0, stats, 0.3,
        Eval.counts(1, 0, 3, 0), null);
  }
}
