package io.flead.fedavg.config;

import io.flead.fedavg.core.Defences;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.ServerOptimizer;
import io.flead.fedavg.core.Strategy;
import io.flead.model.EdgeIiotFeatures;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.TopicSpecs;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The keys of fedavg (shared keys plus the aggregation parameters) and the topology settings they give. */
public final class FedAvgConfig {

  public static final String APPLICATION_ID = "flead-fedavg";
  public static final String FEATURE_NAMES = "feature.names";
  public static final String PUNCTUATE_INTERVAL_MS = "punctuate.interval.ms";
  public static final String TOPIC_ROUND_CONTROL = "topic.round.control";
  public static final String TOPIC_ROUND_CONTROL_REPLIES = "topic.round.control.replies";
  /** The round-control topics {@code flead up} and docker-compose use. */
  public static final String DEFAULT_ROUND_CONTROL = "fedavg-control";
  public static final String DEFAULT_ROUND_CONTROL_REPLIES = "fedavg-control-replies";
  /**
   * fedavg's commit interval (the shared default is 50 ms). Under exactly-once a round's K-th update crosses two
   * commits before its model is readable (the round repartition topic, then the model), and fedavg sees one update
   * per device per N rows, so committing this often costs little.
   */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 25L;
  /**
   * fedavg's producer retry backoff (the shared default is Kafka's 100 ms): the first send of a transaction that
   * starts right after a commit is often refused as CONCURRENT_TRANSACTIONS, and would then wait 100 ms.
   */
  public static final long DEFAULT_PRODUCER_RETRY_BACKOFF_MS = 10L;
  private static final String GROUP = "Aggregation";

  /**
   * What the topology needs to know.
   *
   * @param featureNames the feature space of the version-0 model
   * @param punctuateIntervalMs how often the round's deadline is checked, in stream time and in wall-clock time
   * @param acksTopic where each consumed update is acknowledged (compacted, keyed by device)
   */
  public record Settings(String updatesTopic, String globalModelTopic, String modelName, List<String> featureNames,
                         long punctuateIntervalMs, FedAvgSettings core, String controlTopic, String controlRepliesTopic,
                         String acksTopic) {

    /** With the default acknowledgements topic. */
    public Settings(String updatesTopic, String globalModelTopic, String modelName, List<String> featureNames,
                    long punctuateIntervalMs, FedAvgSettings core, String controlTopic, String controlRepliesTopic) {
      this(updatesTopic, globalModelTopic, modelName, featureNames, punctuateIntervalMs, core, controlTopic,
          controlRepliesTopic, FunctionConfig.DEFAULT_UPDATE_ACKS);
    }

    /** Without round control (no control topic is read). */
    public Settings(String updatesTopic, String globalModelTopic, String modelName, List<String> featureNames,
                    long punctuateIntervalMs, FedAvgSettings core) {
      this(updatesTopic, globalModelTopic, modelName, featureNames, punctuateIntervalMs, core, "", "");
    }

    /** True when round commands are read from {@code controlTopic}. */
    public boolean roundControl() {
      return controlTopic != null && !controlTopic.isBlank();
    }
  }

  private FedAvgConfig() {
  }

  public static ConfigDef definition() {
    FedAvgSettings d = FedAvgSettings.configDefaults();
    Defences dd = d.defences();
    ConfigDef def = FunctionConfig.baseDefinition(APPLICATION_ID, Map.of(
        FunctionConfig.COMMIT_INTERVAL_MS, DEFAULT_COMMIT_INTERVAL_MS,
        FunctionConfig.PRODUCER_RETRY_BACKOFF_MS, DEFAULT_PRODUCER_RETRY_BACKOFF_MS));
    int order = 0;
    def.define(FedAvgSettings.ROUND_SIZE, Type.INT, d.roundSize(), Importance.HIGH, "Close a round after this many distinct devices (K).", GROUP, ++order, ConfigDef.Width.SHORT, FedAvgSettings.ROUND_SIZE);
    def.define(FedAvgSettings.ROUND_DEADLINE_MS, Type.LONG, d.roundDeadlineMs(), Importance.HIGH, "Or this long (wall-clock time) after the round's first update.", GROUP, ++order, ConfigDef.Width.SHORT, FedAvgSettings.ROUND_DEADLINE_MS);
    def.define(FedAvgSettings.MIN_PARTICIPANTS, Type.INT, d.minParticipants(), Importance.MEDIUM, "At the deadline, close only with at least this many devices.", GROUP, ++order, ConfigDef.Width.SHORT, FedAvgSettings.MIN_PARTICIPANTS);
    def.define(FedAvgSettings.MAX_STALENESS, Type.INT, d.maxStaleness(), Importance.MEDIUM, "Drop updates more than this many versions behind.", GROUP, ++order, ConfigDef.Width.SHORT, FedAvgSettings.MAX_STALENESS);
    def.define(FedAvgSettings.NORM_BOUND, Type.DOUBLE, d.normBound(), Importance.MEDIUM, "Reject updates whose parameter norm exceeds this.", GROUP, ++order, ConfigDef.Width.SHORT, FedAvgSettings.NORM_BOUND);
    def.define(FedAvgSettings.SEEN_IDS_CAPACITY, Type.INT, d.seenIdsCapacity(), Importance.LOW, "Update ids remembered to reject duplicates.", GROUP, ++order, ConfigDef.Width.SHORT, FedAvgSettings.SEEN_IDS_CAPACITY);
    def.define(FedAvgSettings.STRATEGY, Type.STRING, d.strategy().configName(), ConfigDef.ValidString.in("fedavg", "trimmed-mean", "median", "krum"), Importance.MEDIUM, "Aggregation strategy.", GROUP, ++order, ConfigDef.Width.SHORT, FedAvgSettings.STRATEGY);
    def.define(FedAvgSettings.TRIM_BETA, Type.DOUBLE, d.trimBeta(), Importance.LOW, "Fraction trimmed at each end by trimmed-mean.", GROUP, ++order, ConfigDef.Width.SHORT, FedAvgSettings.TRIM_BETA);
    def.define(FedAvgSettings.CLIP_NORM, Type.DOUBLE, d.clipNorm(), Importance.LOW, "Clip each client's delta to this L2 norm; 0 disables.", GROUP, ++order, ConfigDef.Width.SHORT, FedAvgSettings.CLIP_NORM);
    def.define(FedAvgSettings.CLIP_ADAPTIVE, Type.BOOLEAN, d.adaptiveClip(), Importance.LOW, "Clip each client's delta to clip.adaptive.factor times the round's median delta norm.", GROUP, ++order, ConfigDef.Width.SHORT, FedAvgSettings.CLIP_ADAPTIVE);
    def.define(FedAvgSettings.CLIP_ADAPTIVE_FACTOR, Type.DOUBLE, d.adaptiveClipFactor(), Importance.LOW, "The multiple of the median delta norm that adaptive clipping allows (at least 1).", GROUP, ++order, ConfigDef.Width.SHORT, FedAvgSettings.CLIP_ADAPTIVE_FACTOR);
    def.define(FedAvgSettings.DP_NOISE_MULTIPLIER, Type.DOUBLE, d.dpNoiseMultiplier(), Importance.LOW, "Central DP Gaussian noise multiplier z (0 disables): needs strategy=fedavg and clip.norm C; every device then weighs the same over the fixed denominator round.size K, the noise has sigma z*C/K, and each version carries the epsilon spent (dp).", GROUP, ++order, ConfigDef.Width.SHORT, FedAvgSettings.DP_NOISE_MULTIPLIER);
    def.define(FedAvgSettings.DP_SEED, Type.LONG, d.dpSeed(), Importance.LOW, "Seed of the DP noise.", GROUP, ++order, ConfigDef.Width.SHORT, FedAvgSettings.DP_SEED);
    ServerOptimizer so = d.server();
    def.define(ServerOptimizer.OPTIMIZER, Type.STRING, so.kind().configName(), ConfigDef.ValidString.in("none", "momentum", "adam"), Importance.MEDIUM, "Server optimiser applied to each round's aggregated change: none, momentum (FedAvgM) or adam (FedAdam).", GROUP, ++order, ConfigDef.Width.SHORT, ServerOptimizer.OPTIMIZER);
    def.define(ServerOptimizer.LEARNING_RATE, Type.DOUBLE, so.learningRate(), Importance.LOW, "Server learning rate (adam steps each coordinate by about this: e.g. 0.1).", GROUP, ++order, ConfigDef.Width.SHORT, ServerOptimizer.LEARNING_RATE);
    def.define(ServerOptimizer.MOMENTUM, Type.DOUBLE, so.momentum(), Importance.LOW, "FedAvgM's server momentum, in [0, 1).", GROUP, ++order, ConfigDef.Width.SHORT, ServerOptimizer.MOMENTUM);
    def.define(ServerOptimizer.BETA1, Type.DOUBLE, so.beta1(), Importance.LOW, "FedAdam's first-moment decay, in [0, 1).", GROUP, ++order, ConfigDef.Width.SHORT, ServerOptimizer.BETA1);
    def.define(ServerOptimizer.BETA2, Type.DOUBLE, so.beta2(), Importance.LOW, "FedAdam's second-moment decay, in [0, 1).", GROUP, ++order, ConfigDef.Width.SHORT, ServerOptimizer.BETA2);
    def.define(ServerOptimizer.TAU, Type.DOUBLE, so.tau(), Importance.LOW, "FedAdam's adaptivity floor added to sqrt(v), positive.", GROUP, ++order, ConfigDef.Width.SHORT, ServerOptimizer.TAU);
    def.define(Defences.WEIGHT_CAP_MULTIPLE, Type.DOUBLE, dd.weightCapMultiple(), Importance.LOW, "Count no update's n_samples above this multiple of the round's median; 0 disables.", GROUP, ++order, ConfigDef.Width.SHORT, Defences.WEIGHT_CAP_MULTIPLE);
    def.define(Defences.WEIGHT_CAP_ROWS, Type.LONG, dd.weightCapRows(), Importance.LOW, "Count no update's n_samples above this many rows (local-train's max.rows); 0 disables.", GROUP, ++order, ConfigDef.Width.SHORT, Defences.WEIGHT_CAP_ROWS);
    def.define(Defences.POOL_STRATEGY, Type.STRING, dd.poolStrategy().configName(), ConfigDef.ValidString.in("fedavg", "trimmed-mean", "median"), Importance.LOW, "How window statistics and evaluation histograms are pooled (fedavg: exact merge).", GROUP, ++order, ConfigDef.Width.SHORT, Defences.POOL_STRATEGY);
    def.define(Defences.POOL_MOMENTS, Type.BOOLEAN, dd.poolMoments(), Importance.LOW, "Pool the class moments by pool.strategy too (default: exact merge).", GROUP, ++order, ConfigDef.Width.SHORT, Defences.POOL_MOMENTS);
    def.define(Defences.KRUM_BYZANTINE, Type.INT, dd.krumByzantine(), Importance.LOW, "Attackers Krum assumes per round (f).", GROUP, ++order, ConfigDef.Width.SHORT, Defences.KRUM_BYZANTINE);
    def.define(Defences.KRUM_SELECT, Type.INT, dd.krumSelect(), Importance.LOW, "Updates multi-Krum averages (1 = Krum, 0 = m - f).", GROUP, ++order, ConfigDef.Width.SHORT, Defences.KRUM_SELECT);
    def.define(FEATURE_NAMES, Type.LIST, String.join(",", EdgeIiotFeatures.MODEL), Importance.LOW, "Feature space of the initial (version 0) model.", GROUP, ++order, ConfigDef.Width.LONG, FEATURE_NAMES);
    def.define(PUNCTUATE_INTERVAL_MS, Type.LONG, 1_000L, ConfigDef.Range.atLeast(1), Importance.LOW, "How often the round deadline is checked when no update arrives.", GROUP, ++order, ConfigDef.Width.SHORT, PUNCTUATE_INTERVAL_MS);
    def.define(TOPIC_ROUND_CONTROL, Type.STRING, "", Importance.LOW, "Topic of round commands (close the round now), one partition; empty disables round control.", GROUP, ++order, ConfigDef.Width.MEDIUM, TOPIC_ROUND_CONTROL);
    def.define(TOPIC_ROUND_CONTROL_REPLIES, Type.STRING, DEFAULT_ROUND_CONTROL_REPLIES, Importance.LOW, "Topic of the replies to round commands.", GROUP, ++order, ConfigDef.Width.MEDIUM, TOPIC_ROUND_CONTROL_REPLIES);
    return def;
  }

  /** The round-control topics (one partition each), to create before the app starts; empty when disabled. */
  public static List<NewTopic> roundControlTopics(FunctionConfig c) {
    String control = c.getString(TOPIC_ROUND_CONTROL);
    if (control == null || control.isBlank()) {
      return List.of();
    }
    short replication = c.getShort(FunctionConfig.REPLICATION_FACTOR);
    return List.of(new NewTopic(control, 1, replication).configs(TopicSpecs.KEEP_BY_AGE),
        new NewTopic(c.getString(TOPIC_ROUND_CONTROL_REPLIES), 1, replication).configs(TopicSpecs.KEEP_BY_AGE));
  }

  /** The server optimiser of {@code c} (errors name the key). */
  static ServerOptimizer server(FunctionConfig c) {
    return new ServerOptimizer(ServerOptimizer.Kind.parse(ServerOptimizer.OPTIMIZER, c.getString(ServerOptimizer.OPTIMIZER)),
        c.getDouble(ServerOptimizer.LEARNING_RATE), c.getDouble(ServerOptimizer.MOMENTUM), c.getDouble(ServerOptimizer.BETA1),
        c.getDouble(ServerOptimizer.BETA2), c.getDouble(ServerOptimizer.TAU));
  }

  public static Settings settings(FunctionConfig c) {
    FedAvgSettings core;
    try {
      core = new FedAvgSettings(c.getInt(FedAvgSettings.ROUND_SIZE), c.getLong(FedAvgSettings.ROUND_DEADLINE_MS),
          c.getInt(FedAvgSettings.MIN_PARTICIPANTS), c.getInt(FedAvgSettings.MAX_STALENESS), c.getDouble(FedAvgSettings.NORM_BOUND),
          c.getInt(FedAvgSettings.SEEN_IDS_CAPACITY), Strategy.parse(FedAvgSettings.STRATEGY, c.getString(FedAvgSettings.STRATEGY)),
          c.getDouble(FedAvgSettings.TRIM_BETA), c.getDouble(FedAvgSettings.CLIP_NORM), c.getBoolean(FedAvgSettings.CLIP_ADAPTIVE),
          c.getDouble(FedAvgSettings.CLIP_ADAPTIVE_FACTOR), c.getDouble(FedAvgSettings.DP_NOISE_MULTIPLIER),
          c.getLong(FedAvgSettings.DP_SEED), server(c),
          new Defences(c.getDouble(Defences.WEIGHT_CAP_MULTIPLE), c.getLong(Defences.WEIGHT_CAP_ROWS),
              Strategy.parse(Defences.POOL_STRATEGY, c.getString(Defences.POOL_STRATEGY)), c.getBoolean(Defences.POOL_MOMENTS),
              c.getInt(Defences.KRUM_BYZANTINE),
              c.getInt(Defences.KRUM_SELECT)));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return new Settings(c.topic(FunctionConfig.TOPIC_LOCAL_UPDATES), c.topic(FunctionConfig.TOPIC_GLOBAL_MODELS),
        c.getString(FunctionConfig.MODEL_NAME), c.getList(FEATURE_NAMES), c.getLong(PUNCTUATE_INTERVAL_MS), core,
        c.getString(TOPIC_ROUND_CONTROL), c.getString(TOPIC_ROUND_CONTROL_REPLIES), c.topic(FunctionConfig.TOPIC_UPDATE_ACKS));
  }
}
