package io.flead.runtime;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings of one function run as a Kafka Streams app, read from defaults, an optional properties
 * file, {@code FLEAD_*} environment variables and programmatic overrides, in that order of precedence.
 *
 * <p>Every key is declared once in a {@link ConfigDef}; its environment variable is {@code FLEAD_}
 * followed by the key in upper case with dots and dashes replaced by underscores
 * ({@code topic.local.updates} is {@code FLEAD_TOPIC_LOCAL_UPDATES}). Keys starting with
 * {@code streams.} in the file or the overrides are passed to Kafka Streams unchanged.
 */
public final class FunctionConfig extends AbstractConfig {

  public static final String CONFIG_FILE = "config.file";
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String APPLICATION_ID = "application.id";
  public static final String STATE_DIR = "state.dir";
  public static final String PROCESSING_GUARANTEE = "processing.guarantee";
  public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
  public static final String PRODUCER_LINGER_MS = "producer.linger.ms";
  public static final String POLL_MS = "poll.ms";
  public static final String PRODUCER_RETRY_BACKOFF_MS = "producer.retry.backoff.ms";
  /**
   * The largest state record a function writes to a changelog (a round buffer holds K whole updates): the Streams
   * producer's {@code max.request.size}, and the {@code max.message.bytes} of the changelogs that need it.
   */
  public static final int MAX_STATE_RECORD_BYTES = 16 << 20;
  public static final String NUM_STREAM_THREADS = "num.stream.threads";
  public static final String REPLICATION_FACTOR = "replication.factor";
  public static final String SECURITY_PROTOCOL = KafkaClientSecurity.SECURITY_PROTOCOL;
  public static final String SASL_MECHANISM = KafkaClientSecurity.SASL_MECHANISM;
  public static final String SASL_JAAS_CONFIG = KafkaClientSecurity.SASL_JAAS_CONFIG;
  public static final String HEALTH_PORT = "health.port";
  public static final String HEALTH_BIND_ADDRESS = "health.bind.address";
  public static final String HEALTH_FAILURES_MAX = "health.failures.max";
  public static final String HEALTH_FAILURES_WINDOW_MS = "health.failures.window.ms";
  public static final String UNCAUGHT_EXCEPTION_POLICY = "uncaught.exception.policy";
  public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";
  public static final String TOPICS_CREATE = "topics.create";
  public static final String TOPIC_PARTITIONS = "topic.partitions";
  public static final String TOPIC_TELEMETRY = "topic.telemetry";
  public static final String TOPIC_LOCAL_UPDATES = "topic.local.updates";
  public static final String TOPIC_GLOBAL_MODELS = "topic.global.models";
  public static final String TOPIC_ANOMALIES = "topic.anomalies";
  public static final String TOPIC_DRIFT_ALERTS = "topic.drift.alerts";
  public static final String TOPIC_DLQ = "topic.dlq";
  /** fedavg's acknowledgements of consumed updates, compacted, keyed by device (local training's back-pressure). */
  public static final String TOPIC_UPDATE_ACKS = "topic.update.acks";
  public static final String DEFAULT_UPDATE_ACKS = "fedavg-consumed";
  public static final String MODEL_NAME = "model.name";
  public static final String STREAMS_PREFIX = "streams.";

  private static final String ENV_PREFIX = "FLEAD_";
  private static final String GROUP_KAFKA = "Kafka";
  private static final String GROUP_TOPICS = "Topics";
  private static final String GROUP_OPS = "Operations";

  private Path stateDir;

  private FunctionConfig(ConfigDef definition, Map<String, String> values) {
    super(definition, values);
  }

  /**
   * The shared keys, some with the function's own defaults: a low-volume function whose output others wait for
   * (fedavg's global model) commits and retries sooner than the rest.
   *
   * @param defaultApplicationId the function's application id unless configured otherwise
   * @param defaults the function's defaults of shared keys, by key (of the key's type, and valid for it)
   * @throws IllegalArgumentException when {@code defaults} names a key that is not a shared key
   */
  public static ConfigDef baseDefinition(String defaultApplicationId, Map<String, Object> defaults) {
    ConfigDef shared = baseDefinition(defaultApplicationId);
    for (String key : defaults.keySet()) {
      if (!shared.configKeys().containsKey(key)) {
        throw new IllegalArgumentException("A function default was given for '" + key + "', which is not a shared key");
      }
    }
    ConfigDef def = new ConfigDef();
    for (ConfigDef.ConfigKey k : shared.configKeys().values()) {
      def.define(!defaults.containsKey(k.name) ? k : new ConfigDef.ConfigKey(k.name, k.type, defaults.get(k.name),
          k.validator, k.importance, k.documentation, k.group, k.orderInGroup, k.width, k.displayName, k.dependents,
          k.recommender, k.internalConfig));
    }
    return def;
  }

  /**
   * The keys every function shares; a function adds its own keys to the returned definition.
   *
   * @param defaultApplicationId the function's application id unless configured otherwise
   */
  public static ConfigDef baseDefinition(String defaultApplicationId) {
    ConfigDef def = new ConfigDef();
    int order = 0;
    def.define(CONFIG_FILE, Type.STRING, "", Importance.LOW,
        "Properties file with further settings; environment variables win over it.",
        GROUP_OPS, ++order, ConfigDef.Width.LONG, CONFIG_FILE);
    def.define(BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
        Importance.HIGH, "Kafka brokers to connect to, host:port[,host:port].",
        GROUP_KAFKA, ++order, ConfigDef.Width.LONG, BOOTSTRAP_SERVERS);
    def.define(APPLICATION_ID, Type.STRING, defaultApplicationId, new ConfigDef.NonEmptyString(),
        Importance.HIGH, "Kafka Streams application id: consumer group, prefix of internal topics.",
        GROUP_KAFKA, ++order, ConfigDef.Width.MEDIUM, APPLICATION_ID);
    def.define(STATE_DIR, Type.STRING, "", Importance.MEDIUM,
        "State store directory of this instance; empty means a fresh directory under java.io.tmpdir"
            + " (never the machine-wide default shared between runs).",
        GROUP_KAFKA, ++order, ConfigDef.Width.LONG, STATE_DIR);
    def.define(PROCESSING_GUARANTEE, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
        ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
        Importance.HIGH, "exactly_once_v2 (default) or at_least_once.",
        GROUP_KAFKA, ++order, ConfigDef.Width.SHORT, PROCESSING_GUARANTEE);
    def.define(COMMIT_INTERVAL_MS, Type.LONG, 50L, Range.atLeast(1), Importance.MEDIUM,
        "Commit interval; under exactly-once it bounds end-to-end latency (outputs become"
            + " visible at commit).", GROUP_KAFKA, ++order, ConfigDef.Width.SHORT, COMMIT_INTERVAL_MS);
    def.define(POLL_MS, Type.LONG, 10L, Range.atLeast(1), Importance.MEDIUM,
        "How long a stream thread waits for input before it commits; Streams' default of 100 adds up to 100 ms"
            + " per hop to exactly-once latency when input is sparse (a round's model, a low-rate device).",
        GROUP_KAFKA, ++order, ConfigDef.Width.SHORT, POLL_MS);
    def.define(PRODUCER_LINGER_MS, Type.INT, 5, Range.atLeast(0), Importance.MEDIUM,
        "linger.ms of the Streams producer; Streams' own default of 100 dominates at-least-once latency.",
        GROUP_KAFKA, ++order, ConfigDef.Width.SHORT, PRODUCER_LINGER_MS);
    def.define(PRODUCER_RETRY_BACKOFF_MS, Type.LONG, 100L, Range.atLeast(1), Importance.LOW,
        "retry.backoff.ms of the Streams producer: under exactly-once the first send after a commit can be refused"
            + " (CONCURRENT_TRANSACTIONS) while the last transaction's markers are written, and is retried after this.",
        GROUP_KAFKA, ++order, ConfigDef.Width.SHORT, PRODUCER_RETRY_BACKOFF_MS);
    def.define(NUM_STREAM_THREADS, Type.INT, 1, Range.atLeast(1), Importance.MEDIUM,
        "Stream threads of this instance.", GROUP_KAFKA, ++order, ConfigDef.Width.SHORT, NUM_STREAM_THREADS);
    def.define(REPLICATION_FACTOR, Type.SHORT, (short) 1, Range.atLeast(1), Importance.MEDIUM,
        "Replication factor of internal and created topics; 1 fits a single broker.",
        GROUP_KAFKA, ++order, ConfigDef.Width.SHORT, REPLICATION_FACTOR);
    order = defineSecurity(def, order);
    defineOperations(def, order);
    defineTopics(def);
    return def;
  }

  /** The client security of every Kafka client of the function, settable from the environment like any other key. */
  private static int defineSecurity(ConfigDef def, int order) {
    return KafkaClientSecurity.define(def, GROUP_KAFKA, order);
  }

  private static void defineOperations(ConfigDef def, int order) {
    def.define(HEALTH_PORT, Type.INT, 8080, Range.between(-1, 65535), Importance.MEDIUM,
        "Port of the HTTP health endpoint /health; 0 picks a free port, -1 disables it.",
        GROUP_OPS, ++order, ConfigDef.Width.SHORT, HEALTH_PORT);
    def.define(HEALTH_BIND_ADDRESS, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyStringWithoutControlChars(),
        Importance.MEDIUM, "Address the health endpoint listens on: the loopback interface by default, so only this "
            + "machine (or container) can ask; 0.0.0.0 for probes from elsewhere (a container orchestrator).",
        GROUP_OPS, ++order, ConfigDef.Width.MEDIUM, HEALTH_BIND_ADDRESS);
    def.define(HEALTH_FAILURES_MAX, Type.INT, 3, Range.atLeast(1), Importance.LOW,
        "The health endpoint answers 503 once this many stream thread failures happened within "
            + HEALTH_FAILURES_WINDOW_MS + ": an app whose threads keep failing is stuck even while Streams says RUNNING.",
        GROUP_OPS, ++order, ConfigDef.Width.SHORT, HEALTH_FAILURES_MAX);
    def.define(HEALTH_FAILURES_WINDOW_MS, Type.LONG, 300_000L, Range.atLeast(1), Importance.LOW,
        "The window over which stream thread failures are counted for " + HEALTH_FAILURES_MAX + ".",
        GROUP_OPS, ++order, ConfigDef.Width.SHORT, HEALTH_FAILURES_WINDOW_MS);
    def.define(UNCAUGHT_EXCEPTION_POLICY, Type.STRING, "REPLACE_THREAD",
        ValidString.in("REPLACE_THREAD", "SHUTDOWN_CLIENT", "SHUTDOWN_APPLICATION"), Importance.MEDIUM,
        "What a stream thread failure does: replace the thread, stop this instance, or stop all instances.",
        GROUP_OPS, ++order, ConfigDef.Width.SHORT, UNCAUGHT_EXCEPTION_POLICY);
    def.define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
        "How long a graceful shutdown waits for Streams to close.",
        GROUP_OPS, ++order, ConfigDef.Width.SHORT, SHUTDOWN_TIMEOUT_MS);
    def.define(TOPICS_CREATE, Type.BOOLEAN, true, Importance.LOW,
        "Create the FLEAD topics (partitions, compaction) at start when absent.",
        GROUP_OPS, ++order, ConfigDef.Width.SHORT, TOPICS_CREATE);
  }

  private static void defineTopics(ConfigDef def) {
    int order = 0;
    def.define(TOPIC_PARTITIONS, Type.INT, 4, Range.atLeast(1), Importance.LOW,
        "Partitions of each device-keyed topic this app creates; global-model-updates always has 1.",
        GROUP_TOPICS, ++order, ConfigDef.Width.SHORT, TOPIC_PARTITIONS);
    defineTopic(def, TOPIC_TELEMETRY, "edge-iiot-stream", "Device telemetry, keyed by device id.", ++order);
    defineTopic(def, TOPIC_LOCAL_UPDATES, "local-model-updates", "Local model updates, keyed by device id.", ++order);
    defineTopic(def, TOPIC_GLOBAL_MODELS, "global-model-updates", "Global models, compacted, keyed by model name.", ++order);
    defineTopic(def, TOPIC_ANOMALIES, "anomalies", "Scored anomalies, keyed by device id.", ++order);
    defineTopic(def, TOPIC_DRIFT_ALERTS, "drift-alerts", "Drift alerts, keyed by device id.", ++order);
    defineTopic(def, TOPIC_UPDATE_ACKS, DEFAULT_UPDATE_ACKS,
        "fedavg's acknowledgements of consumed updates, compacted, keyed by device id.", ++order);
    def.define(TOPIC_DLQ, Type.STRING, "", Importance.LOW,
        "Dead-letter topic for undeserialisable input; empty means <application.id>-dlq.",
        GROUP_TOPICS, ++order, ConfigDef.Width.MEDIUM, TOPIC_DLQ);
    def.define(MODEL_NAME, Type.STRING, "flead", new ConfigDef.NonEmptyString(), Importance.LOW,
        "Key of the global model in global-model-updates.", GROUP_TOPICS, ++order, ConfigDef.Width.SHORT, MODEL_NAME);
  }

  private static void defineTopic(ConfigDef def, String key, String name, String doc, int order) {
    def.define(key, Type.STRING, name, new ConfigDef.NonEmptyString(), Importance.LOW, doc,
        GROUP_TOPICS, order, ConfigDef.Width.MEDIUM, key);
  }

  /** Reads the process environment, the file it names in {@code FLEAD_CONFIG_FILE}, and no overrides. */
  public static FunctionConfig fromEnvironment(ConfigDef definition) {
    return load(definition, System.getenv(), Map.of());
  }

  /**
   * Reads the settings from an environment map and overrides (which win), including the properties
   * file named by {@code config.file} in either.
   *
   * @throws ConfigException naming the key, its source and quoting the value when a value is invalid
   */
  public static FunctionConfig load(ConfigDef definition, Map<String, String> env, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    String file = overrides.getOrDefault(CONFIG_FILE, env.getOrDefault(envName(CONFIG_FILE), ""));
    if (!file.isBlank()) {
      readFile(definition, Path.of(file), values, sources);
    }
    for (String key : definition.names()) {
      String value = env.get(envName(key));
      if (value != null) {
        values.put(key, value);
        sources.put(key, "environment variable " + envName(key));
      }
    }
    overrides.forEach((key, value) -> {
      requireKnown(definition, key, "overrides");
      values.put(key, value);
      sources.put(key, "overrides");
    });
    validate(definition, values, sources);
    return new FunctionConfig(definition, values);
  }

  /** The environment variable that sets {@code key}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static void readFile(ConfigDef definition, Path file, Map<String, String> values, Map<String, String> sources) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (IOException e) {
      throw new ConfigException("Cannot read configuration file '" + file + "' given by '" + CONFIG_FILE + "': " + e);
    }
    for (String key : props.stringPropertyNames()) {
      requireKnown(definition, key, "file '" + file + "'");
      values.put(key, props.getProperty(key).trim());
      sources.put(key, "file '" + file + "'");
    }
  }

  private static void requireKnown(ConfigDef definition, String key, String source) {
    if (!definition.configKeys().containsKey(key) && !key.startsWith(STREAMS_PREFIX)) {
      throw new ConfigException("Unknown configuration '" + key + "' in " + source
          + "; known keys are " + definition.names() + " and 'streams.*'");
    }
  }

  private static void validate(ConfigDef definition, Map<String, String> values, Map<String, String> sources) {
    for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
      String value = values.get(key.name);
      if (value == null) {
        if (!key.hasDefault()) {
          throw new ConfigException("Missing required configuration '" + key.name + "': set "
              + envName(key.name) + " or '" + key.name + "' in the file named by " + envName(CONFIG_FILE)
              + " (" + key.documentation + ")");
        }
        continue;
      }
      try {
        Object parsed = ConfigDef.parseType(key.name, value, key.type);
        if (key.validator != null) {
          key.validator.ensureValid(key.name, parsed);
        }
      } catch (ConfigException e) {
        throw new ConfigException(String.format("Invalid value '%s' for configuration '%s' (from %s): %s",
            value, key.name, sources.get(key.name), reason(key.name, e)));
      }
    }
  }

  /** Kafka's messages read "Invalid value X for configuration K: reason"; keep only the reason. */
  private static String reason(String key, ConfigException e) {
    String message = String.valueOf(e.getMessage());
    int at = message.indexOf(key + ": ");
    return at >= 0 ? message.substring(at + key.length() + 2) : message;
  }

  public String applicationId() {
    return getString(APPLICATION_ID);
  }

  public String bootstrapServers() {
    return getString(BOOTSTRAP_SERVERS);
  }

  public String topic(String key) {
    return getString(key);
  }

  public String deadLetterTopic() {
    String configured = getString(TOPIC_DLQ);
    return configured.isBlank() ? applicationId() + "-dlq" : configured;
  }

  /** The configured state directory, or a fresh one created on first use. */
  public synchronized Path stateDir() {
    if (stateDir == null) {
      stateDir = resolveStateDir();
    }
    return stateDir;
  }

  private Path resolveStateDir() {
    String configured = getString(STATE_DIR);
    if (!configured.isBlank()) {
      return Path.of(configured);
    }
    try {
      return Files.createTempDirectory("flead-state-" + applicationId() + "-");
    } catch (IOException e) {
      throw new ConfigException("Cannot create a state directory for '" + STATE_DIR + "' under java.io.tmpdir: " + e);
    }
  }

  /** The Kafka Streams properties these settings stand for, with {@code streams.*} pass-through last. */
  public Properties streamsProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, getString(PROCESSING_GUARANTEE));
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, getLong(COMMIT_INTERVAL_MS));
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), getInt(PRODUCER_LINGER_MS));
    p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), getLong(PRODUCER_RETRY_BACKOFF_MS));
    p.put(StreamsConfig.POLL_MS_CONFIG, getLong(POLL_MS));
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_STATE_RECORD_BYTES);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(NUM_STREAM_THREADS));
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) getShort(REPLICATION_FACTOR));
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingDeadLetterHandler.class.getName());
    p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ProductionDeadLetterHandler.class.getName());
    p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic());
    p.putAll(security());
    p.putAll(originalsWithPrefix(STREAMS_PREFIX));
    return p;
  }

  /** The declared client security settings, without the empty ones. */
  private Map<String, Object> security() {
    return KafkaClientSecurity.properties(this);
  }

  /** Client properties for an Admin or producer: bootstrap servers, the security keys, then {@code streams.} ones. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> p = new LinkedHashMap<>(security());
    originalsWithPrefix(STREAMS_PREFIX).forEach((key, value) -> {
      if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
        p.put(key, value);
      }
    });
    p.put("bootstrap.servers", bootstrapServers());
    return p;
  }

  public long shutdownTimeoutMs() {
    return getLong(SHUTDOWN_TIMEOUT_MS);
  }

  public int healthPort() {
    return getInt(HEALTH_PORT);
  }

  public String healthBindAddress() {
    return getString(HEALTH_BIND_ADDRESS).trim();
  }
}
