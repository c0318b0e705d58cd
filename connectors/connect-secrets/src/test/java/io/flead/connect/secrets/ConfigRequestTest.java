package io.flead.connect.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConfigRequestTest {
    private static final Map<String, String> CURRENT = Map.of("connection.url", "${env:FLEAD_JDBC_URL}",
        "connection.password", "${secret:db-password}", "topics", "anomalies");
    private static final Function<String, Map<String, String>> EXISTING =
        name -> name.equals("timescale-sink") ? CURRENT : Map.of();

    private static Optional<Map<String, String>> config(String method, String path, Object body) {
        return ConfigRequest.configOf(method, List.of(path.split("/")), body, EXISTING);
    }

    @Test
    void validateCreateAndReplaceCarryTheirBodysConfig() {
        Map<String, Object> body = Map.of("topics", "anomalies", "tasks.max", 2);
        assertThat(config("PUT", "connector-plugins/io.flead.connect.timescale.TimescaleSinkConnector/config/validate", body))
            .contains(Map.of("topics", "anomalies", "tasks.max", "2"));
        assertThat(config("PUT", "connector-plugins/TimescaleSinkConnector/config/validate", body)).isPresent();
        assertThat(ConfigRequest.configOf("PUT", List.of("connectors", "a/b", "config"), body, EXISTING))
            .as("a name with an encoded slash is one segment").isPresent();
        assertThat(config("POST", "connectors", Map.of("name", "x", "config", body)))
            .contains(Map.of("topics", "anomalies", "tasks.max", "2"));
        assertThat(config("PUT", "connectors/x/config", body)).contains(Map.of("topics", "anomalies", "tasks.max", "2"));
    }

    @Test
    void aPatchIsCheckedAsTheConfigItWouldLeave() {
        Map<String, Object> patch = new HashMap<>();
        patch.put("connection.url", "jdbc:postgresql://attacker.example/x");
        patch.put("topics", null);
        assertThat(config("PATCH", "connectors/timescale-sink/config", patch)).contains(Map.of(
            "connection.url", "jdbc:postgresql://attacker.example/x", "connection.password", "${secret:db-password}"));
        assertThat(config("PATCH", "connectors/new-one/config", Map.of("topics", "t"))).contains(Map.of("topics", "t"));
    }

    @Test
    void otherRequestsCarryNoConfig() {
        assertThat(config("GET", "connectors/x/config", Map.of())).isEmpty();
        assertThat(config("PUT", "connectors/x/pause", Map.of())).isEmpty();
        assertThat(config("PATCH", "connectors/x/offsets", Map.of("offsets", List.of()))).isEmpty();
        assertThat(config("POST", "connectors/x/tasks", List.of(Map.of("a", "b")))).isEmpty();
        assertThat(config("POST", "connectors", Map.of("name", "x"))).isEmpty();
        assertThat(config("PUT", "connectors/x/config", "not an object")).isEmpty();
    }
}
