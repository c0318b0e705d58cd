package io.flead.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A processor's view of the global table follows every model written to it, and only decodes changed bytes. */
class LatestGlobalModelTest {

  private static final List<String> FEATURES = List.of("tcp.len", "mqtt.len");
  private static final String STORE = "test-global-model";
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> models;
  private TestInputTopic<String, String> rows;
  private TestOutputTopic<String, Long> versions;
  private LatestGlobalModel view;

  @BeforeEach
  void start() {
    StreamsBuilder builder = new StreamsBuilder();
    LatestGlobalModel.declare(builder, "global-model-updates", STORE);
    builder.stream("rows", Consumed.with(Serdes.String(), Serdes.String()))
        .process(() -> new VersionOf())
        .to("versions", Produced.with(Serdes.String(), Serdes.Long()));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "latest-global-model-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(builder.build(), props);
    models = driver.createInputTopic("global-model-updates", new StringSerializer(), new ByteArraySerializer());
    rows = driver.createInputTopic("rows", new StringSerializer(), new StringSerializer());
    versions = driver.createOutputTopic("versions", new StringDeserializer(), new LongDeserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void followsEveryModelOfTheTable() {
    assertThat(versionNow()).as("before any model: version 0").isZero();
    models.pipeInput("anomaly-lr", JsonCodec.encode(model(3)));
    assertThat(versionNow()).isEqualTo(3);
    assertThat(versionNow()).isEqualTo(3);
    models.pipeInput("anomaly-lr", JsonCodec.encode(model(4)));
    assertThat(versionNow()).isEqualTo(4);
    assertThat(versionsLeft()).isTrue();
    assertThat(view.countsChanges()).as("the table's store counts its writes").isTrue();
  }

  @Test
  void keepsTheLastGoodModelOverAnUndecodableOne() {
    models.pipeInput("anomaly-lr", JsonCodec.encode(model(5)));
    assertThat(versionNow()).isEqualTo(5);
    models.pipeInput("anomaly-lr", "{\"version\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(versionNow()).isEqualTo(5);
    models.pipeInput("anomaly-lr", JsonCodec.encode(model(6)));
    assertThat(versionNow()).isEqualTo(6);
    assertThat(versionsLeft()).isTrue();
  }

  @Test
  void readsOnlyItsOwnModelName() {
    models.pipeInput("other-model", JsonCodec.encode(model(9)));
    assertThat(versionNow()).isZero();
    models.pipeInput("anomaly-lr", JsonCodec.encode(model(2)));
    models.pipeInput("other-model", JsonCodec.encode(model(10)));
    assertThat(versionNow()).isEqualTo(2);
    assertThat(versionsLeft()).isTrue();
  }

  private long versionNow() {
    rows.pipeInput("d1", "row");
    return versions.readValue();
  }

  private boolean versionsLeft() {
    return versions.isEmpty();
  }

  private static GlobalModel model(long version) {
    GlobalModel initial = GlobalModel.initial(FEATURES, 1000L);
    return new GlobalModel(version, version, 1000L + version, initial.strategy(), initial.participants(),
        initial.nSamples(), FEATURES, initial.weights(), initial.bias(), initial.stats(), initial.threshold(),
        initial.eval(), initial.rejected(), initial.histogram());
  }

  /** Forwards the version of the model the view gives for each row. */
  private final class VersionOf implements Processor<String, String, String, Long> {
    private ProcessorContext<String, Long> context;

    @Override
    public void init(ProcessorContext<String, Long> context) {
      this.context = context;
      view = LatestGlobalModel.in(context, STORE, "anomaly-lr", FEATURES);
    }

    @Override
    public void process(Record<String, String> record) {
      context.forward(record.withValue(view.current(record.timestamp()).version()));
    }
  }
}
