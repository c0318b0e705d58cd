package io.flead.score.config;

import io.flead.runtime.FunctionConfig;
import io.flead.score.core.ScoreSettings;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The keys of score (shared keys plus its own) and the topology settings they give. */
public final class ScoreConfig {

  public static final String APPLICATION_ID = "flead-score";

  /** What the topology needs to know. */
  public record Settings(String telemetryTopic, String globalModelTopic, String anomaliesTopic, String modelName,
                         ScoreSettings core) {
  }

  private ScoreConfig() {
  }

  public static ConfigDef definition() {
    return FunctionConfig.baseDefinition(APPLICATION_ID)
        .define(ScoreSettings.TOP_FEATURES, ConfigDef.Type.INT, ScoreSettings.defaults().topFeatures(),
            ConfigDef.Importance.LOW, "How many features an anomaly names as its top contributors.",
            "Scoring", 1, ConfigDef.Width.SHORT, ScoreSettings.TOP_FEATURES);
  }

  public static Settings settings(FunctionConfig c) {
    ScoreSettings core;
    try {
      core = new ScoreSettings(c.getInt(ScoreSettings.TOP_FEATURES));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return new Settings(c.topic(FunctionConfig.TOPIC_TELEMETRY), c.topic(FunctionConfig.TOPIC_GLOBAL_MODELS),
        c.topic(FunctionConfig.TOPIC_ANOMALIES), c.getString(FunctionConfig.MODEL_NAME), core);
  }
}
