package io.flead.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionConfigTest {

  private static final Map<String, String> BOOTSTRAP = Map.of("FLEAD_BOOTSTRAP_SERVERS", "localhost:9092");

  @TempDir
  Path dir;

  private static ConfigDef definition() {
    return FunctionConfig.baseDefinition("flead-test")
        .define("test.rows", ConfigDef.Type.INT, 50, ConfigDef.Range.atLeast(1), ConfigDef.Importance.HIGH,
            "Rows per update.");
  }

  @Test
  void missingBootstrapServersNamesTheKeyAndItsEnvironmentVariable() {
    assertThatThrownBy(() -> FunctionConfig.load(definition(), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'bootstrap.servers'")
        .hasMessageContaining("FLEAD_BOOTSTRAP_SERVERS");
  }

  @Test
  void nonNumericValueIsQuotedWithItsKeyAndSource() {
    var env = Map.of("FLEAD_BOOTSTRAP_SERVERS", "localhost:9092", "FLEAD_COMMIT_INTERVAL_MS", "abc");
    assertThatThrownBy(() -> FunctionConfig.load(definition(), env, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Invalid value 'abc' for configuration 'commit.interval.ms'")
        .hasMessageContaining("environment variable FLEAD_COMMIT_INTERVAL_MS");
  }

  @Test
  void functionParameterOutOfRangeIsRejectedByName() {
    var env = Map.of("FLEAD_BOOTSTRAP_SERVERS", "localhost:9092", "FLEAD_TEST_ROWS", "0");
    assertThatThrownBy(() -> FunctionConfig.load(definition(), env, Map.of()))
        .hasMessageStartingWith("Invalid value '0' for configuration 'test.rows'")
        .hasMessageContaining("at least 1");
  }

  @Test
  void unknownProcessingGuaranteeIsRejected() {
    assertThatThrownBy(() -> FunctionConfig.load(definition(), BOOTSTRAP, Map.of("processing.guarantee", "exactly_once")))
        .hasMessageStartingWith("Invalid value 'exactly_once' for configuration 'processing.guarantee' (from overrides)");
  }

  @Test
  void fileIsReadAndEnvironmentWinsOverIt() throws IOException {
    Path file = write("commit.interval.ms=200\ntopic.anomalies=anomalies-v2\nstreams.num.standby.replicas=1\n");
    var env = Map.of("FLEAD_BOOTSTRAP_SERVERS", "localhost:9092", "FLEAD_CONFIG_FILE", file.toString(),
        "FLEAD_COMMIT_INTERVAL_MS", "20");
    FunctionConfig config = FunctionConfig.load(definition(), env, Map.of());
    Properties streams = config.streamsProperties();
    assertThat(streams.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(20L);
    assertThat(config.topic(FunctionConfig.TOPIC_ANOMALIES)).isEqualTo("anomalies-v2");
    assertThat(streams.get("num.standby.replicas")).isEqualTo("1");
  }

  @Test
  void unknownKeyInFileIsNamedWithTheFile() throws IOException {
    Path file = write("comit.interval.ms=200\n");
    var env = Map.of("FLEAD_BOOTSTRAP_SERVERS", "localhost:9092", "FLEAD_CONFIG_FILE", file.toString());
    assertThatThrownBy(() -> FunctionConfig.load(definition(), env, Map.of()))
        .hasMessageContaining("Unknown configuration 'comit.interval.ms'")
        .hasMessageContaining(file.toString());
  }

  @Test
  void defaultsAreExactlyOnceLowLatencyAndAPrivateStateDir() {
    FunctionConfig a = FunctionConfig.load(definition(), BOOTSTRAP, Map.of());
    FunctionConfig b = FunctionConfig.load(definition(), BOOTSTRAP, Map.of());
    Properties p = a.streamsProperties();
    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(p.get("producer.linger.ms")).isEqualTo(5);
    assertThat(p.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(1);
    assertThat(p.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("flead-test-dlq");
    assertThat(a.stateDir()).isNotEqualTo(b.stateDir()).exists();
    assertThat(a.getInt("test.rows")).isEqualTo(50);
  }

  @Test
  void aFunctionsOwnDefaultsOfSharedKeysApplyAndStayConfigurableAndValidated() {
    ConfigDef fast = FunctionConfig.baseDefinition("flead-fast", Map.of(FunctionConfig.COMMIT_INTERVAL_MS, 25L,
        FunctionConfig.PRODUCER_RETRY_BACKOFF_MS, 10L));
    Properties p = FunctionConfig.load(fast, BOOTSTRAP, Map.of()).streamsProperties();
    assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(25L);
    assertThat(p.get("producer.retry.backoff.ms")).isEqualTo(10L);
    assertThat(p.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("flead-fast");
    assertThat(fast.names()).isEqualTo(FunctionConfig.baseDefinition("x").names());
    assertThat(FunctionConfig.load(fast, BOOTSTRAP, Map.of(FunctionConfig.COMMIT_INTERVAL_MS, "70"))
        .streamsProperties().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(70L);
    assertThatThrownBy(() -> FunctionConfig.load(fast, BOOTSTRAP, Map.of(FunctionConfig.COMMIT_INTERVAL_MS, "0")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("Invalid value '0' for configuration 'commit.interval.ms'");
    assertThat(FunctionConfig.load(definition(), BOOTSTRAP, Map.of()).streamsProperties()
        .get("producer.retry.backoff.ms")).as("Kafka's own default elsewhere").isEqualTo(100L);
  }

  @Test
  void aDefaultForAnUnsharedOrInvalidKeyIsRefused() {
    assertThatThrownBy(() -> FunctionConfig.baseDefinition("x", Map.of("round.size", 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'round.size'");
    assertThatThrownBy(() -> FunctionConfig.baseDefinition("x", Map.of(FunctionConfig.COMMIT_INTERVAL_MS, 0L)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("commit.interval.ms");
  }

  @Test
  void environmentNameFollowsTheKey() {
    assertThat(FunctionConfig.envName("topic.local.updates")).isEqualTo("FLEAD_TOPIC_LOCAL_UPDATES");
  }

  private Path write(String text) throws IOException {
    Path file = dir.resolve("function.properties");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void saslSettingsFromTheEnvironmentReachStreamsAndEveryOtherClient() {
    String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"fn\" password=\"s3cret\";";
    var env = Map.of("FLEAD_BOOTSTRAP_SERVERS", "kafka:9092", "FLEAD_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
        "FLEAD_SASL_MECHANISM", "SCRAM-SHA-512", "FLEAD_SASL_JAAS_CONFIG", jaas);
    FunctionConfig config = FunctionConfig.load(definition(), env, Map.of());

    Properties streams = config.streamsProperties();
    assertThat(streams).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat(((org.apache.kafka.common.config.types.Password) streams.get("sasl.jaas.config")).value()).isEqualTo(jaas);
    assertThat(String.valueOf(streams)).doesNotContain("s3cret");
    Map<String, Object> client = config.clientProperties();
    assertThat(client).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", streams.get("sasl.jaas.config")).containsEntry("bootstrap.servers", "kafka:9092");
  }

  @Test
  void withoutSecuritySettingsClientsArePlaintextWithNoSaslKeys() {
    FunctionConfig config = FunctionConfig.load(definition(), BOOTSTRAP, Map.of());

    assertThat(config.clientProperties()).containsOnlyKeys("security.protocol", "bootstrap.servers")
        .containsEntry("security.protocol", "PLAINTEXT");
    assertThat(config.streamsProperties()).doesNotContainKeys("sasl.mechanism", "sasl.jaas.config");
  }

  @Test
  void unknownSecurityProtocolIsRejectedWithItsVariable() {
    var env = Map.of("FLEAD_BOOTSTRAP_SERVERS", "kafka:9092", "FLEAD_SECURITY_PROTOCOL", "SCRAM");
    assertThatThrownBy(() -> FunctionConfig.load(definition(), env, Map.of()))
        .hasMessageStartingWith("Invalid value 'SCRAM' for configuration 'security.protocol'")
        .hasMessageContaining("environment variable FLEAD_SECURITY_PROTOCOL");
  }

  @Test
  void aStreamsPrefixedSecuritySettingStillWins() {
    FunctionConfig config = FunctionConfig.load(definition(), Map.of("FLEAD_BOOTSTRAP_SERVERS", "kafka:9092",
        "FLEAD_SECURITY_PROTOCOL", "SASL_PLAINTEXT"), Map.of("streams.security.protocol", "SASL_SSL"));

    assertThat(config.streamsProperties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(config.clientProperties()).containsEntry("security.protocol", "SASL_SSL");
  }
}
