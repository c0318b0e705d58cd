package io.flead.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The FLEAD topics with the partition counts and cleanup policies DESIGN asks for, created idempotently. */
public final class TopicSpecs {

  private static final Logger LOG = LoggerFactory.getLogger(TopicSpecs.class);

  private TopicSpecs() {
  }

  /**
   * Replayed records carry their original event times (years old for the Edge-IIoTset files and for datagen),
   * so time-based retention would delete them at the broker's first check: pipeline topics keep records by age.
   */
  public static final Map<String, String> KEEP_BY_AGE = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");

  /** The source connector's error topic in the shipped configurations (csv-device-source's {@code errors.topic}). */
  public static final String SOURCE_ERRORS = "edge-iiot-stream-errors";
  /** The sink connectors' dead-letter queue in the shipped configurations. */
  public static final String SINK_DLQ = "timescale-sink-dlq";

  /**
   * The connectors' error topics, kept by age like the pipeline topics: dead letters carry the event times of the
   * records they hold (years old for replayed files), so a topic that Connect or the broker created with the default
   * 7-day retention would delete them within minutes. Created before the connectors start, so Connect finds them.
   */
  public static List<NewTopic> connectorErrorTopics(short replication) {
    return List.of(new NewTopic(SOURCE_ERRORS, 1, replication).configs(KEEP_BY_AGE),
        new NewTopic(SINK_DLQ, 1, replication).configs(KEEP_BY_AGE));
  }

  /**
   * The five pipeline topics, fedavg's acknowledgements topic, this app's dead-letter topic and the connectors' error
   * topics (in docker-compose the functions create every FLEAD topic before the connectors are applied).
   */
  public static List<NewTopic> forConfig(FunctionConfig config) {
    int partitions = config.getInt(FunctionConfig.TOPIC_PARTITIONS);
    short replication = config.getShort(FunctionConfig.REPLICATION_FACTOR);
    List<NewTopic> topics = new ArrayList<>();
    for (String key : List.of(FunctionConfig.TOPIC_TELEMETRY, FunctionConfig.TOPIC_LOCAL_UPDATES,
        FunctionConfig.TOPIC_ANOMALIES, FunctionConfig.TOPIC_DRIFT_ALERTS)) {
      topics.add(new NewTopic(config.topic(key), partitions, replication).configs(KEEP_BY_AGE));
    }
    topics.add(globalModels(config.topic(FunctionConfig.TOPIC_GLOBAL_MODELS), replication));
    topics.add(updateAcks(config.topic(FunctionConfig.TOPIC_UPDATE_ACKS), partitions, replication));
    topics.add(new NewTopic(config.deadLetterTopic(), 1, replication).configs(KEEP_BY_AGE));
    topics.addAll(connectorErrorTopics(replication));
    return topics;
  }

  /**
   * What a function does at start with {@code topics.create}: creates the missing topics of {@link #forConfig} and
   * keeps the error topics by age ({@link #keepErrorTopics}).
   */
  public static void prepare(Admin admin, FunctionConfig config) {
    ensure(admin, forConfig(config));
    keepErrorTopics(admin, errorTopics(config));
  }

  /** The error and dead-letter topics of {@link #forConfig}: this app's and the connectors'. */
  public static List<String> errorTopics(FunctionConfig config) {
    return List.of(config.deadLetterTopic(), SOURCE_ERRORS, SINK_DLQ);
  }

  /**
   * Gives {@code retention.ms=-1} to those of {@code topics} that exist with the broker's default retention (created
   * by Connect, by auto-creation or by an older FLEAD); a retention set on the topic itself is left as it is.
   *
   * @return the topics changed now
   */
  public static List<String> keepErrorTopics(Admin admin, Collection<String> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<ConfigResource> resources = topics.stream().distinct().filter(existing::contains)
          .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
      if (resources.isEmpty()) {
        return List.of();
      }
      Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
      Map<ConfigResource, Collection<AlterConfigOp>> changes = new java.util.LinkedHashMap<>();
      configs.forEach((resource, config) -> {
        ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
        if (retention == null || retention.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
          changes.put(resource, List.of(new AlterConfigOp(
              new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET)));
        }
      });
      if (changes.isEmpty()) {
        return List.of();
      }
      admin.incrementalAlterConfigs(changes).all().get();
      List<String> changed = changes.keySet().stream().map(ConfigResource::name).toList();
      LOG.warn("Error topics {} had the broker's default retention, which would delete their dead letters (they carry "
          + "old event times): set retention.ms=-1", changed);
      return changed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while checking the error topics' retention", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot set the retention of the error topics " + topics + ": " + e.getCause(),
          e.getCause());
    }
  }

  /** The global model topic: one partition (one total order of versions) and compacted (latest per model name). */
  public static NewTopic globalModels(String name, short replication) {
    return new NewTopic(name, 1, replication)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  /** The acknowledgements topic: compacted, keyed by device, so it holds one small record per device. */
  public static NewTopic updateAcks(String name, int partitions, short replication) {
    return new NewTopic(name, partitions, replication)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  /**
   * Creates the topics that do not exist yet; existing topics are left as they are.
   *
   * @return the names of the topics created now
   */
  public static List<String> ensure(Admin admin, List<NewTopic> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
      List<String> created = new ArrayList<>();
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        if (awaitCreated(entry.getKey(), entry.getValue())) {
          created.add(entry.getKey());
        }
      }
      LOG.info("Topics created: {}", created);
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot list topics: " + e.getCause(), e.getCause());
    }
  }

  private static boolean awaitCreated(String topic, org.apache.kafka.common.KafkaFuture<Void> future)
      throws InterruptedException {
    try {
      future.get();
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw new IllegalStateException("Cannot create topic '" + topic + "': " + e.getCause(), e.getCause());
    }
  }
}
