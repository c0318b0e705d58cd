package io.flead.score.streams;

import io.flead.score.config.ScoreConfig;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.LoggingDefaults;
import io.flead.runtime.StreamsAppRunner;

/** Runs score as a Kafka Streams app configured from {@code FLEAD_*} environment variables. */
public final class ScoreMain {

  private ScoreMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    LoggingDefaults.apply("score");
    FunctionConfig config = FunctionConfig.fromEnvironment(ScoreConfig.definition());
    ScoreConfig.Settings settings = ScoreConfig.settings(config);
    if (!StreamsAppRunner.runUntilShutdown(config, builder -> ScoreTopology.build(builder, settings))) {
      System.exit(1);
    }
  }
}
