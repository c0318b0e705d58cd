package io.flead.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record that makes processing or output fail goes to the dead-letter topic and the app carries on with the next
 * one; a thread that keeps failing makes the health endpoint unhealthy.
 */
class FailureHandlersTest {

  @TempDir
  Path stateDir;

  private FunctionConfig config() {
    // TopologyTestDriver (4.3.1) captures dead-letter records only outside exactly-once
    return FunctionConfig.load(FunctionConfig.baseDefinition("failing-app"),
        Map.of("FLEAD_BOOTSTRAP_SERVERS", "unused:9092", "FLEAD_STATE_DIR", stateDir.toString()),
        Map.of("processing.guarantee", "at_least_once"));
  }

  @Test
  void aRecordWhoseProcessingThrowsIsDeadLetteredAndTheNextOneIsProcessed() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("edge-iiot-stream", Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues(v -> {
          if (v.contains("poison")) {
            throw new IllegalStateException("cannot score " + v);
          }
          return v.toUpperCase(java.util.Locale.ROOT);
        }, Named.as("score-row"))
        .to("anomalies", Produced.with(Serdes.String(), Serdes.String()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config().streamsProperties())) {
      TestInputTopic<String, String> in = driver.createInputTopic("edge-iiot-stream", new StringSerializer(),
          new StringSerializer());
      TestOutputTopic<String, String> out = driver.createOutputTopic("anomalies", new StringDeserializer(),
          new StringDeserializer());
      TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic("failing-app-dlq", new ByteArrayDeserializer(),
          new ByteArrayDeserializer());

      in.pipeInput("dev-1", "poison row");
      in.pipeInput("dev-2", "fine row");

      TestRecord<byte[], byte[]> dead = dlq.readRecord();
      assertThat(utf8(dead.key())).isEqualTo("dev-1");
      assertThat(utf8(dead.value())).isEqualTo("poison row");
      assertThat(header(dead, DeadLetterHandler.HEADER_TOPIC)).isEqualTo("edge-iiot-stream");
      assertThat(header(dead, DeadLetterHandler.HEADER_OFFSET)).isEqualTo("0");
      assertThat(header(dead, DeadLetterHandler.HEADER_PROCESSOR)).isEqualTo("score-row");
      assertThat(header(dead, DeadLetterHandler.HEADER_MESSAGE)).isEqualTo("cannot score poison row");
      assertThat(out.readKeyValue().value).isEqualTo("FINE ROW");
      assertThat(dlq.isEmpty()).isTrue();
    }
  }

  @Test
  void anOutputThatCannotBeSerialisedDeadLettersItsInputAndTheNextOneIsWritten() {
    Serde<String> refusing = Serdes.serdeFrom((topic, v) -> {
      if (v.contains("unwritable")) {
        throw new org.apache.kafka.common.errors.SerializationException("no encoding for " + v);
      }
      return v.getBytes(StandardCharsets.UTF_8);
    }, new StringDeserializer());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("edge-iiot-stream", Consumed.with(Serdes.String(), Serdes.String()))
        .to("anomalies", Produced.with(Serdes.String(), refusing));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config().streamsProperties())) {
      TestInputTopic<String, String> in = driver.createInputTopic("edge-iiot-stream", new StringSerializer(),
          new StringSerializer());
      TestOutputTopic<String, String> out = driver.createOutputTopic("anomalies", new StringDeserializer(),
          new StringDeserializer());
      TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic("failing-app-dlq", new ByteArrayDeserializer(),
          new ByteArrayDeserializer());

      in.pipeInput("dev-1", "unwritable row");
      in.pipeInput("dev-2", "fine row");

      TestRecord<byte[], byte[]> dead = dlq.readRecord();
      assertThat(utf8(dead.value())).isEqualTo("unwritable row");
      assertThat(header(dead, DeadLetterHandler.HEADER_OUTPUT_TOPIC)).isEqualTo("anomalies");
      assertThat(header(dead, DeadLetterHandler.HEADER_MESSAGE)).contains("no encoding for unwritable row");
      assertThat(out.readKeyValue().value).isEqualTo("fine row");
      assertThat(dlq.isEmpty()).isTrue();
    }
  }

  @Test
  void threadFailuresMakeTheAppUnhealthyUntilTheWindowHasPassedWithoutOne() {
    AtomicLong now = new AtomicLong(1_000_000);
    ThreadFailures failures = new ThreadFailures(3, 60_000, now::get);
    failures.record(new IllegalStateException("boom 1"));
    now.addAndGet(1_000);
    failures.record(new IllegalStateException("boom 2"));
    assertThat(failures.problem()).isNull();

    now.addAndGet(1_000);
    failures.record(new IllegalStateException("boom 3"));
    assertThat(failures.problem()).contains("3 stream thread failures in the last 60 s")
        .contains(FunctionConfig.HEALTH_FAILURES_WINDOW_MS).contains("boom 3");

    now.addAndGet(58_500); // the first failure is now older than the window
    assertThat(failures.problem()).isNull();
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : utf8(header.value());
  }
}
