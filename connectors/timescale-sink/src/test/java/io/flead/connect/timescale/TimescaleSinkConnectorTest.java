package io.flead.connect.timescale;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class TimescaleSinkConnectorTest {
    private static Map<String, List<String>> errors(Config config) {
        return config.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void unreachableDatabaseIsReportedOnTheUrlWithoutThePassword() throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/flead?password=hunter2");
        props.put("connection.user", "bob");
        props.put("connection.password", "hunter2");
        props.put("topics", "edge-iiot-stream");
        Map<String, List<String>> errors = errors(new TimescaleSinkConnector().validate(props));
        assertThat(errors).containsOnlyKeys("connection.url");
        assertThat(errors.get("connection.url")).singleElement().asString()
                .startsWith("Cannot connect to 'jdbc:postgresql://127.0.0.1:")
                .contains("password=***")
                .doesNotContain("hunter2");
    }

    @Test
    void crossFieldErrorsLandOnTheirKeys() {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", "jdbc:mysql://db/x");
        props.put("topics", "raw");
        props.put("insert.mode", "upsert");
        props.put("batch.size", "0");
        Map<String, List<String>> errors = errors(new TimescaleSinkConnector().validate(props));
        assertThat(errors).containsOnlyKeys("connection.url", "pk.fields", "batch.size");
    }

    @Test
    void tasksShareTheConnectorConfig() {
        TimescaleSinkConnector connector = new TimescaleSinkConnector();
        connector.start(Map.of("connection.url", "jdbc:postgresql://db/x", "topics", "anomalies"));
        assertThat(connector.taskConfigs(3)).hasSize(3).allSatisfy(c -> assertThat(c).containsEntry("topics", "anomalies"));
        assertThat(connector.taskClass()).isEqualTo(TimescaleSinkTask.class);
    }
}
