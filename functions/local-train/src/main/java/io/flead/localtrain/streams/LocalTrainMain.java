package io.flead.localtrain.streams;

import io.flead.localtrain.config.LocalTrainConfig;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.LoggingDefaults;
import io.flead.runtime.StreamsAppRunner;

/** Runs local-train as a Kafka Streams app configured from {@code FLEAD_*} environment variables. */
public final class LocalTrainMain {

  private LocalTrainMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    LoggingDefaults.apply("local-train");
    FunctionConfig config = FunctionConfig.fromEnvironment(LocalTrainConfig.definition());
    LocalTrainConfig.Settings settings = LocalTrainConfig.settings(config);
    boolean clean = StreamsAppRunner.runUntilShutdown(config, builder -> LocalTrainTopology.build(builder, settings));
    if (!clean) {
      System.exit(1);
    }
  }
}
