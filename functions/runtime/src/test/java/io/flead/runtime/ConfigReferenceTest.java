package io.flead.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

  @Test
  void readmeCarriesTheGeneratedReferenceOfTheSharedKeys() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).contains(ConfigReference.markdown(FunctionConfig.baseDefinition("<function>")));
  }

  @Test
  void everyKeyIsListedWithItsEnvironmentVariable() {
    String table = ConfigReference.markdown(FunctionConfig.baseDefinition("flead-x"));
    assertThat(table).contains("| `topic.local.updates` | `FLEAD_TOPIC_LOCAL_UPDATES` | string | `local-model-updates` |")
        .contains("| `bootstrap.servers` | `FLEAD_BOOTSTRAP_SERVERS` | string | (required) |");
  }
}
