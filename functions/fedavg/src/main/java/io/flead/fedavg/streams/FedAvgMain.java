package io.flead.fedavg.streams;

import io.flead.fedavg.config.FedAvgConfig;
import io.flead.runtime.FunctionConfig;
import io.flead.runtime.LoggingDefaults;
import io.flead.runtime.StreamsAppRunner;
import io.flead.runtime.TopicSpecs;
import org.apache.kafka.clients.admin.Admin;

/** Runs fedavg as a Kafka Streams app configured from {@code FLEAD_*} environment variables. */
public final class FedAvgMain {

  private FedAvgMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    LoggingDefaults.apply("fedavg");
    FunctionConfig config = FunctionConfig.fromEnvironment(FedAvgConfig.definition());
    FedAvgConfig.Settings settings = FedAvgConfig.settings(config);
    if (config.getBoolean(FunctionConfig.TOPICS_CREATE) && settings.roundControl()) {
      try (Admin admin = Admin.create(config.clientProperties())) {
        TopicSpecs.ensure(admin, FedAvgConfig.roundControlTopics(config));
      }
    }
    if (!StreamsAppRunner.runUntilShutdown(config, builder -> FedAvgTopology.build(builder, settings))) {
      System.exit(1);
    }
  }
}
