package io.flead.localtrain.config;

import io.flead.localtrain.core.LocalTrainSettings;
import io.flead.runtime.FunctionConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The keys of local-train (shared keys plus the training parameters) and the topology settings they give. */
public final class LocalTrainConfig {

  /** How long a device waits for an acknowledgement at most, by default. */
  public static final long DEFAULT_ACK_TIMEOUT_MS = 600_000;
  public static final String APPLICATION_ID = "flead-local-train";
  public static final String PUNCTUATE_INTERVAL_MS = "punctuate.interval.ms";
  public static final String BACKPRESSURE = "backpressure";
  public static final String ACK_TIMEOUT_MS = "ack.timeout.ms";
  private static final String GROUP = "Local training";

  /**
   * What the topology needs to know.
   *
   * @param punctuateIntervalMs how often idle windows are checked against T, in stream time and in wall-clock time
   * @param acksTopic fedavg's acknowledgements; a device sends its next update only after the previous one was
   *        acknowledged (back-pressure); empty turns back-pressure off
   * @param ackTimeoutMs the longest a device waits for an acknowledgement
   */
  public record Settings(String telemetryTopic, String globalModelTopic, String updatesTopic, String modelName,
                         long punctuateIntervalMs, LocalTrainSettings core, String acksTopic, long ackTimeoutMs) {

    /** Without back-pressure. */
    public Settings(String telemetryTopic, String globalModelTopic, String updatesTopic, String modelName,
                    long punctuateIntervalMs, LocalTrainSettings core) {
      this(telemetryTopic, globalModelTopic, updatesTopic, modelName, punctuateIntervalMs, core, "", DEFAULT_ACK_TIMEOUT_MS);
    }

    public boolean backpressure() {
      return acksTopic != null && !acksTopic.isBlank();
    }
  }

  private LocalTrainConfig() {
  }

  public static ConfigDef definition() {
    LocalTrainSettings d = LocalTrainSettings.defaults();
    return FunctionConfig.baseDefinition(APPLICATION_ID)
        .define(LocalTrainSettings.TRIGGER_ROWS, Type.INT, d.triggerRows(), Importance.HIGH, "Emit an update after this many new rows of a device.", GROUP, 1, ConfigDef.Width.SHORT, LocalTrainSettings.TRIGGER_ROWS)
        .define(LocalTrainSettings.TRIGGER_INTERVAL_MS, Type.LONG, d.triggerIntervalMs(), Importance.HIGH, "Or this long (event time, kept running by the wall clock when idle) after the device's window opened.", GROUP, 2, ConfigDef.Width.SHORT, LocalTrainSettings.TRIGGER_INTERVAL_MS)
        .define(LocalTrainSettings.MIN_ROWS, Type.INT, d.minRows(), Importance.MEDIUM, "Never emit on fewer rows.", GROUP, 3, ConfigDef.Width.SHORT, LocalTrainSettings.MIN_ROWS)
        .define(LocalTrainSettings.MAX_ROWS, Type.INT, d.maxRows(), Importance.MEDIUM, "Most recent rows kept per device.", GROUP, 4, ConfigDef.Width.SHORT, LocalTrainSettings.MAX_ROWS)
        .define(LocalTrainSettings.EPOCHS, Type.INT, d.epochs(), Importance.MEDIUM, "SGD passes over the window.", GROUP, 5, ConfigDef.Width.SHORT, LocalTrainSettings.EPOCHS)
        .define(LocalTrainSettings.LEARNING_RATE, Type.DOUBLE, d.learningRate(), Importance.MEDIUM, "SGD step size.", GROUP, 6, ConfigDef.Width.SHORT, LocalTrainSettings.LEARNING_RATE)
        .define(LocalTrainSettings.L2, Type.DOUBLE, d.l2(), Importance.LOW, "L2 penalty on the weights.", GROUP, 7, ConfigDef.Width.SHORT, LocalTrainSettings.L2)
        .define(LocalTrainSettings.PROX_MU, Type.DOUBLE, d.proxMu(), Importance.LOW, "FedProx proximal coefficient; 0 is plain FedAvg.", GROUP, 8, ConfigDef.Width.SHORT, LocalTrainSettings.PROX_MU)
        .define(LocalTrainSettings.BATCH_SIZE, Type.INT, d.batchSize(), Importance.LOW, "Mini-batch size.", GROUP, 9, ConfigDef.Width.SHORT, LocalTrainSettings.BATCH_SIZE)
        .define(LocalTrainSettings.REFERENCE_HISTOGRAM, Type.BOOLEAN, d.referenceHistogram(), Importance.LOW, "Whether updates carry the window's histogram for drift references.", GROUP, 10, ConfigDef.Width.SHORT, LocalTrainSettings.REFERENCE_HISTOGRAM)
        .define(LocalTrainSettings.FEATURE_NAMES, Type.LIST, String.join(",", d.featureNames()), Importance.LOW, "Features read from each row, comma-separated.", GROUP, 11, ConfigDef.Width.LONG, LocalTrainSettings.FEATURE_NAMES)
        .define(PUNCTUATE_INTERVAL_MS, Type.LONG, 1_000L, ConfigDef.Range.atLeast(1), Importance.LOW, "How often windows are checked against the interval when no row arrives.", GROUP, 12, ConfigDef.Width.SHORT, PUNCTUATE_INTERVAL_MS)
        .define(BACKPRESSURE, Type.BOOLEAN, true, Importance.MEDIUM, "Send a device's next update only after fedavg acknowledged its previous one on topic.update.acks; meanwhile the device's window keeps growing.", GROUP, 13, ConfigDef.Width.SHORT, BACKPRESSURE)
        .define(ACK_TIMEOUT_MS, Type.LONG, DEFAULT_ACK_TIMEOUT_MS, ConfigDef.Range.atLeast(1), Importance.LOW, "The longest a device waits for fedavg's acknowledgement before it sends again.", GROUP, 14, ConfigDef.Width.SHORT, ACK_TIMEOUT_MS)
        .define(LocalTrainSettings.STATISTICS_ROWS, Type.INT, d.statisticsRows(), Importance.LOW, "While the global model has no statistics yet, emit at this many rows (0 = trigger.rows): that update carries only the window's statistics.", GROUP, 15, ConfigDef.Width.SHORT, LocalTrainSettings.STATISTICS_ROWS);
  }

  /** The topology settings; the core's own rules (e.g. min.rows <= trigger.rows) are reported on their key. */
  public static Settings settings(FunctionConfig c) {
    LocalTrainSettings core;
    try {
      core = new LocalTrainSettings(c.getInt(LocalTrainSettings.TRIGGER_ROWS), c.getLong(LocalTrainSettings.TRIGGER_INTERVAL_MS),
          c.getInt(LocalTrainSettings.MIN_ROWS), c.getInt(LocalTrainSettings.MAX_ROWS), c.getInt(LocalTrainSettings.EPOCHS),
          c.getDouble(LocalTrainSettings.LEARNING_RATE), c.getDouble(LocalTrainSettings.L2), c.getDouble(LocalTrainSettings.PROX_MU),
          c.getInt(LocalTrainSettings.BATCH_SIZE), c.getBoolean(LocalTrainSettings.REFERENCE_HISTOGRAM),
          c.getList(LocalTrainSettings.FEATURE_NAMES), c.getInt(LocalTrainSettings.STATISTICS_ROWS));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return new Settings(c.topic(FunctionConfig.TOPIC_TELEMETRY), c.topic(FunctionConfig.TOPIC_GLOBAL_MODELS),
        c.topic(FunctionConfig.TOPIC_LOCAL_UPDATES), c.getString(FunctionConfig.MODEL_NAME), c.getLong(PUNCTUATE_INTERVAL_MS), core,
        c.getBoolean(BACKPRESSURE) ? c.topic(FunctionConfig.TOPIC_UPDATE_ACKS) : "", c.getLong(ACK_TIMEOUT_MS));
  }
}
