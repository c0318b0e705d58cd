package io.flead.driftcheck.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** functions/template.yaml names this module's handler, which exists, and maps both Kafka event sources to it. */
class DriftCheckHandlerTemplateTest {

  private static final Path TEMPLATE = Path.of("..", "template.yaml");

  @Test
  void theTemplateDeploysThisModulesHandlerBehindBothKafkaEventSources() throws Exception {
    Map<String, Object> resources = section(load(), "Resources");
    Map<String, Object> function = section(resources, "DriftCheckFunction");
    Map<String, Object> properties = section(function, "Properties");
    String handler = (String) properties.get("Handler");

    assertThat(handler).isEqualTo(DriftCheckHandler.class.getName() + "::handleRequest");
    assertThat(RequestHandler.class).isAssignableFrom(Class.forName(handler.substring(0, handler.indexOf(':'))));
    assertThat((String) properties.get("CodeUri")).isEqualTo("drift-check/target/drift-check.jar");
    assertThat(Files.isRegularFile(Path.of("..", "drift-check", "pom.xml"))).isTrue();
    assertThat(section(section(resources, "DriftCheckMskEvents"), "Properties")).containsKey("EventSourceArn");
    assertThat(section(section(resources, "DriftCheckSelfManagedKafkaEvents"), "Properties"))
        .containsKey("SelfManagedEventSource");
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
