package io.flead.fedavg.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.flead.driftcheck.lambda.DriftCheckHandler;
import io.flead.localtrain.lambda.LocalTrainHandler;
import io.flead.score.lambda.ScoreHandler;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * functions/template.yaml names each function's handler, which exists, and maps both Kafka event sources to it.
 * It lives here because fedavg's tests already see the other three function modules.
 */
class HandlerTemplateTest {

  private static final Path TEMPLATE = Path.of("..", "template.yaml");

  static Stream<Arguments> functions() {
    return Stream.of(
        Arguments.of("LocalTrain", "local-train", LocalTrainHandler.class),
        Arguments.of("FedAvg", "fedavg", FedAvgHandler.class),
        Arguments.of("Score", "score", ScoreHandler.class),
        Arguments.of("DriftCheck", "drift-check", DriftCheckHandler.class));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("functions")
  void theTemplateDeploysEachHandlerBehindBothKafkaEventSources(String resource, String module, Class<?> handlerClass)
      throws Exception {
    Map<String, Object> resources = section(load(), "Resources");
    Map<String, Object> properties = section(section(resources, resource + "Function"), "Properties");
    String handler = (String) properties.get("Handler");

    assertThat(handler).isEqualTo(handlerClass.getName() + "::handleRequest");
    assertThat(RequestHandler.class).isAssignableFrom(Class.forName(handler.substring(0, handler.indexOf(':'))));
    // the Lambda artifact (no Kafka Streams, no RocksDB), not the Streams app's jar
    assertThat((String) properties.get("CodeUri")).isEqualTo(module + "/target/" + module + "-lambda.jar");
    // SnapStart on the published versions the mappings invoke (the shell's restore hooks rebuild the Kafka clients)
    Map<String, Object> globals = section(section(load(), "Globals"), "Function");
    assertThat(section(globals, "SnapStart")).containsEntry("ApplyOn", "PublishedVersions");
    assertThat(globals).containsEntry("AutoPublishAlias", "live");
    assertThat(Files.isRegularFile(Path.of("..", module, "pom.xml"))).isTrue();
    assertThat(section(section(resources, resource + "MskEvents"), "Properties")).containsKey("EventSourceArn");
    assertThat(section(section(resources, resource + "SelfManagedKafkaEvents"), "Properties"))
        .containsKey("SelfManagedEventSource");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("functions")
  void everyEventSourceReportsPartialBatchesInProvisionedModeWithBoundedRetries(String resource, String module,
      Class<?> handlerClass) throws Exception {
    Map<String, Object> template = load();
    Map<String, Object> resources = section(template, "Resources");
    for (String source : List.of("MskEvents", "SelfManagedKafkaEvents")) {
      Map<String, Object> mapping = section(section(resources, resource + source), "Properties");
      // Lambda honours batchItemFailures of a Kafka batch only on a mapping in provisioned mode
      assertThat(mapping.get("FunctionResponseTypes")).as(resource + source).isEqualTo(List.of("ReportBatchItemFailures"));
      Map<String, Object> pollers = section(mapping, "ProvisionedPollerConfig");
      assertThat(((Number) pollers.get("MinimumPollers")).intValue()).isPositive();
      assertThat(pollers.get("MaximumPollers")).isEqualTo(
          module.equals("fedavg") ? 1 : Map.of("Ref", "MaximumPollers"));
      assertThat(mapping.get("MaximumRetryAttempts")).isEqualTo(Map.of("Ref", "MaximumRetryAttempts"));
      assertThat(section(section(section(mapping, "DestinationConfig"), "OnFailure"), "Destination")).isNotNull();
    }
    Map<String, Object> retries = section(section(template, "Parameters"), "MaximumRetryAttempts");
    int defaultRetries = ((Number) retries.get("Default")).intValue();
    assertThat(defaultRetries).isBetween(0, 10);
    assertThat(((Number) retries.get("MaxValue")).intValue()).isEqualTo(10_000);
  }

  @org.junit.jupiter.api.Test
  void fedavgRunsAsOneAggregatorAtATime() throws Exception {
    Map<String, Object> resources = section(load(), "Resources");
    Map<String, Object> function = section(section(resources, "FedAvgFunction"), "Properties");

    // one concurrent invocation, whatever the partitions of local-model-updates: rounds are folded by a single writer
    assertThat(function.get("ReservedConcurrentExecutions")).isEqualTo(1);
    for (String source : List.of("FedAvgMskEvents", "FedAvgSelfManagedKafkaEvents")) {
      Map<String, Object> pollers = section(section(section(resources, source), "Properties"), "ProvisionedPollerConfig");
      assertThat(pollers).as(source).containsEntry("MinimumPollers", 1).containsEntry("MaximumPollers", 1);
    }
    for (String other : List.of("LocalTrainFunction", "ScoreFunction", "DriftCheckFunction")) {
      assertThat(section(section(resources, other), "Properties")).doesNotContainKey("ReservedConcurrentExecutions");
    }
  }

  private static Map<String, Object> load() throws IOException {
    try (Reader reader = Files.newBufferedReader(TEMPLATE)) {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> parent, String key) {
    assertThat(parent).as("template.yaml key '%s'", key).containsKey(key);
    return (Map<String, Object>) parent.get(key);
  }
}
