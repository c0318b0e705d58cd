package io.flead.driftcheck.streams;

import io.flead.driftcheck.config.DriftCheckConfig;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.LoggingDefaults;
import io.flead.runtime.StreamsAppRunner;

/** Runs drift-check as a Kafka Streams app configured from {@code FLEAD_*} environment variables. */
public final class DriftCheckMain {

  private DriftCheckMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    LoggingDefaults.apply("drift-check");
    FunctionConfig config = FunctionConfig.fromEnvironment(DriftCheckConfig.definition());
    DriftCheckConfig.Settings settings = DriftCheckConfig.settings(config);
    if (!StreamsAppRunner.runUntilShutdown(config, builder -> DriftCheckTopology.build(builder, settings))) {
      System.exit(1);
    }
  }
}
