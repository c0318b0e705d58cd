package io.flead.driftcheck.config;

import java.util.List;
import io.flead.model.EdgeIiotFeatures;
import io.flead.driftcheck.core.DriftSettings;
import io.flead.runtime.FunctionConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys of drift-check: shared keys, the core's {@code drift.*} keys (declared here with the
 * core's defaults, parsed and validated by {@link DriftSettings#fromMap}, whose errors name the key),
 * and the shell's eviction and punctuation intervals.
 */
public final class DriftCheckConfig {

  public static final String APPLICATION_ID = "flead-drift-check";
  public static final String EVICT_IDLE_MS = "drift.evict.idle.ms";
  public static final String PUNCTUATE_INTERVAL_MS = "punctuate.interval.ms";
  private static final String GROUP = "Drift";

  /**
   * What the topology needs to know.
   *
   * @param evictIdleMs a device whose last row is older than this (event time) has its state dropped
   * @param punctuateIntervalMs how often idle devices are looked for, in stream time and in wall-clock time
   */
  public record Settings(String telemetryTopic, String globalModelTopic, String alertsTopic, String modelName,
                         long evictIdleMs, long punctuateIntervalMs, DriftSettings core) {

    /** The feature space of the version-0 model, before any reference exists. */
    public List<String> initialFeatures() {
      return EdgeIiotFeatures.NUMERIC;
    }
  }

  private DriftCheckConfig() {
  }

  public static ConfigDef definition() {
    ConfigDef def = FunctionConfig.baseDefinition(APPLICATION_ID);
    int order = 0;
    for (Map.Entry<String, String> e : DriftSettings.DEFAULTS.toMap().entrySet()) {
      def.define(e.getKey(), Type.STRING, e.getValue(), Importance.LOW,
          "Drift detection parameter (see the drift-check core's DriftSettings).", GROUP, ++order, ConfigDef.Width.SHORT, e.getKey());
    }
    def.define(EVICT_IDLE_MS, Type.LONG, 3_600_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
        "A device silent for this long (event time) has its drift state dropped.", GROUP, ++order, ConfigDef.Width.SHORT, EVICT_IDLE_MS);
    def.define(PUNCTUATE_INTERVAL_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
        "How often idle devices are looked for.", GROUP, ++order, ConfigDef.Width.SHORT, PUNCTUATE_INTERVAL_MS);
    return def;
  }

  public static Settings settings(FunctionConfig c) {
    Map<String, String> drift = new LinkedHashMap<>();
    DriftSettings.DEFAULTS.toMap().keySet().forEach(key -> drift.put(key, c.getString(key)));
    DriftSettings core;
    try {
      core = DriftSettings.fromMap(drift);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return new Settings(c.topic(FunctionConfig.TOPIC_TELEMETRY), c.topic(FunctionConfig.TOPIC_GLOBAL_MODELS),
        c.topic(FunctionConfig.TOPIC_DRIFT_ALERTS), c.getString(FunctionConfig.MODEL_NAME), c.getLong(EVICT_IDLE_MS),
        c.getLong(PUNCTUATE_INTERVAL_MS), core);
  }
}
