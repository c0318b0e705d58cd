package io.flead.runtime.lambda;

import io.flead.runtime.FunctionConfig;
import org.apache.kafka.common.config.ConfigDef;

/** The keys the Lambda shell adds to the function's own ({@code FLEAD_LAMBDA_*} in the environment). */
public final class LambdaSettings {

  public static final String REPORT_BATCH_ITEM_FAILURES = "lambda.report.batch.item.failures";
  public static final String MODEL_TTL_MS = "lambda.model.ttl.ms";
  public static final String TRANSACTIONAL_ID = "lambda.transactional.id";
  public static final String STATE_TOPIC = "lambda.state.topic";

  private LambdaSettings() {
  }

  public static ConfigDef define(ConfigDef definition) {
    return definition
        .define(REPORT_BATCH_ITEM_FAILURES, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.MEDIUM,
            "Answer in the ReportBatchItemFailures shape: a batch whose outputs could not be published is reported"
                + " from the first record of each partition (enable the same option on the event source mapping).", "Lambda", 1, ConfigDef.Width.SHORT, REPORT_BATCH_ITEM_FAILURES)
        .define(MODEL_TTL_MS, ConfigDef.Type.LONG, 30_000L, ConfigDef.Range.atLeast(0), ConfigDef.Importance.LOW,
            "How long a container reuses the global model it read from the compacted topic.",
            "Lambda", 2, ConfigDef.Width.SHORT, MODEL_TTL_MS)
        .define(TRANSACTIONAL_ID, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
            "transactional.id of a single-writer handler (fedavg); empty means <application.id>-lambda. A new container"
                + " fences every older one of the same id.", "Lambda", 3, ConfigDef.Width.MEDIUM, TRANSACTIONAL_ID)
        .define(STATE_TOPIC, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
            "Compacted, single-partition topic where a single-writer handler keeps its state between invocations"
                + " (fedavg's open round); empty means <application.id>-lambda-state.", "Lambda", 4,
            ConfigDef.Width.MEDIUM, STATE_TOPIC);
  }

  public static boolean reportItemFailures(FunctionConfig config) {
    return config.getBoolean(REPORT_BATCH_ITEM_FAILURES);
  }

  public static String transactionalId(FunctionConfig config) {
    String id = config.getString(TRANSACTIONAL_ID);
    return id.isBlank() ? config.applicationId() + "-lambda" : id;
  }

  public static String stateTopic(FunctionConfig config) {
    String topic = config.getString(STATE_TOPIC);
    return topic.isBlank() ? config.applicationId() + "-lambda-state" : topic;
  }

  public static long modelTtlMs(FunctionConfig config) {
    return config.getLong(MODEL_TTL_MS);
  }
}
