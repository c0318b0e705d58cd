package io.flead.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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

  /** The five pipeline topics, fedavg's acknowledgements topic and this app's dead-letter topic. */
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
    return topics;
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
