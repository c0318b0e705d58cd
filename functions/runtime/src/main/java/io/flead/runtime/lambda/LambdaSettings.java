package io.flead.runtime.lambda;

import io.flead.runtime.FunctionConfig;
import org.apache.kafka.common.config.ConfigDef;

/** The keys the Lambda shell adds to the function's own ({@code FLEAD_LAMBDA_*} in the environment). */
public final class LambdaSettings {

  public static final String REPORT_BATCH_ITEM_FAILURES = "lambda.report.batch.item.failures";
  public static final String MODEL_TTL_MS = "lambda.model.ttl.ms";

  private LambdaSettings() {
  }

  public static ConfigDef define(ConfigDef definition) {
    return definition
        .define(REPORT_BATCH_ITEM_FAILURES, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.MEDIUM,
            "Answer with a ReportBatchItemFailures response listing poison records (enable the same"
                + " option on the event source mapping).", "Lambda", 1, ConfigDef.Width.SHORT, REPORT_BATCH_ITEM_FAILURES)
        .define(MODEL_TTL_MS, ConfigDef.Type.LONG, 30_000L, ConfigDef.Range.atLeast(0), ConfigDef.Importance.LOW,
            "How long a container reuses the global model it read from the compacted topic.",
            "Lambda", 2, ConfigDef.Width.SHORT, MODEL_TTL_MS);
  }

  public static boolean reportItemFailures(FunctionConfig config) {
    return config.getBoolean(REPORT_BATCH_ITEM_FAILURES);
  }

  public static long modelTtlMs(FunctionConfig config) {
    return config.getLong(MODEL_TTL_MS);
  }
}
