package io.flead.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which log layout a command line and an environment ask for. */
class LoggingDefaultsTest {

  @Test
  void textUnlessTheFlagOrTheEnvironmentAsksForJson() {
    assertThat(LoggingDefaults.format(null, Map.of())).isEqualTo(LoggingDefaults.Format.text);
    assertThat(LoggingDefaults.format(null, Map.of("FLEAD_LOG_FORMAT", "JSON"))).isEqualTo(LoggingDefaults.Format.json);
    assertThat(LoggingDefaults.format(null, Map.of("FLEAD_LOG_FORMAT", " "))).isEqualTo(LoggingDefaults.Format.text);
    assertThat(LoggingDefaults.format("text", Map.of("FLEAD_LOG_FORMAT", "json")))
        .as("the flag wins").isEqualTo(LoggingDefaults.Format.text);
  }

  @Test
  void anotherValueIsRefusedNamingWhereItCameFrom() {
    assertThatThrownBy(() -> LoggingDefaults.format("yaml", Map.of()))
        .hasMessage("Invalid value 'yaml' for --log-format: must be text or json");
    assertThatThrownBy(() -> LoggingDefaults.format(null, Map.of("FLEAD_LOG_FORMAT", "xml")))
        .hasMessage("Invalid value 'xml' for FLEAD_LOG_FORMAT: must be text or json");
  }
}
