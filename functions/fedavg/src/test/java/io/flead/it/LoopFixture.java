package io.flead.it;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.GeneratorConfig;
import io.flead.embedded.EmbeddedKafka;
import io.flead.model.EdgeIiotFeatures;
import io.flead.model.JsonCodec;
import io.flead.model.TelemetryEvent;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.StreamsAppRunner;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * What the loop ITs share: datagen device rows read back as telemetry events, a producer that replays them in waves
 * (every device's next rows, devices interleaved), the functions as Streams apps on one in-JVM broker, and readers of
 * committed topic records.
 */
final class LoopFixture implements AutoCloseable {
  static final long T0 = 1_763_800_000_000L;
  static final long ROW_MS = 100;

  final EmbeddedKafka kafka;
  private final Path dir;
  private final List<StreamsAppRunner> runners = new ArrayList<>();
  private final KafkaProducer<String, byte[]> producer;

  LoopFixture(Path dir) {
    this.dir = dir;
    this.kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Starts a function as a Streams app with its own state dir and the given settings. */
  StreamsAppRunner start(ConfigDef def, Map<String, String> params,
      Function<FunctionConfig, Consumer<StreamsBuilder>> topology) {
    Map<String, String> overrides = new HashMap<>(params);
    overrides.put(FunctionConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    overrides.put(FunctionConfig.HEALTH_PORT, "0");
    overrides.put(FunctionConfig.STATE_DIR, dir.resolve("state-" + runners.size() + "-" + System.nanoTime()).toString());
    overrides.put("streams.session.timeout.ms", "6000");
    overrides.put("streams.heartbeat.interval.ms", "1000");
    FunctionConfig config = FunctionConfig.load(def, Map.of(), overrides);
    StreamsAppRunner runner = StreamsAppRunner.start(config, topology.apply(config));
    runners.add(runner);
    return runner;
  }

  /** Stops an app started here. */
  void stop(StreamsAppRunner runner) {
    runner.close();
    runners.remove(runner);
  }

  /** Sends rows {@code wave * rowsPerWave} up to the next wave of the devices {@code from} (inclusive) to {@code to}. */
  void produceWave(Map<String, List<TelemetryEvent>> rows, int wave, int rowsPerWave, int from, int to) {
    List<String> devices = new ArrayList<>(rows.keySet());
    for (int i = wave * rowsPerWave; i < (wave + 1) * rowsPerWave; i++) {
      for (int d = from; d < to; d++) {
        TelemetryEvent e = rows.get(devices.get(d)).get(i);
        producer.send(new ProducerRecord<>("edge-iiot-stream", null, e.ts(), e.deviceId(), JsonCodec.encode(e)));
      }
    }
    producer.flush();
  }

  void send(String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value));
    producer.flush();
  }

  /** Generates {@code devices} datagen device files of {@code rows} rows and reads them back as events. */
  static Map<String, List<TelemetryEvent>> generate(Path out, int devices, int rows) throws IOException {
    GeneratorConfig config = GeneratorConfig.defaults().withDevices(devices).withRows(rows)
        .withHoldoutRows(0).withThreads(1);
    DeviceDataGenerator.generate(config, out);
    Map<String, List<TelemetryEvent>> events = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList()) {
        String device = file.getFileName().toString().replace(".csv", "");
        events.put(device, read(file, device));
      }
    }
    return events;
  }

  private static List<TelemetryEvent> read(Path file, String device) throws IOException {
    List<TelemetryEvent> events = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file)) {
      long seq = 0;
      for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
        seq++;
        Map<String, Double> features = new LinkedHashMap<>();
        for (String name : EdgeIiotFeatures.NUMERIC) {
          Double value = number(r.isMapped(name) ? r.get(name) : null);
          if (value != null) {
            features.put(name, value);
          }
        }
        Double label = number(r.get("Attack_label"));
        events.add(new TelemetryEvent(device, T0 + seq * ROW_MS, seq, features, label == null ? null : label.intValue(),
            r.get("Attack_type")));
      }
    }
    return events;
  }

  private static Double number(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      double v = Double.parseDouble(text.trim());
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A reader of a topic from the beginning (committed records only) that decodes its values. */
  <T> TopicReader<T> reader(String topic, Class<T> type) {
    return new TopicReader<>(topic, type);
  }

  @Override
  public void close() {
    new ArrayList<>(runners).forEach(StreamsAppRunner::close);
    runners.clear();
    producer.close();
    kafka.close();
  }

  /** Reads a topic from the beginning (committed records only) and decodes its values; {@code type} null keeps bytes. */
  final class TopicReader<T> implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Class<T> type;
    private final List<T> values = new ArrayList<>();

    private TopicReader(String topic, Class<T> type) {
      Map<String, Object> props = new HashMap<>();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic + "-" + System.nanoTime());
      this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
      this.type = type;
      consumer.subscribe(List.of(topic));
    }

    @SuppressWarnings("unchecked")
    List<T> poll() {
      consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(type == null ? (T) r.value() : JsonCodec.decode(r.value(), type)));
      return values;
    }

    List<T> all() {
      return values;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
