package io.flead.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStackIT {

    @TempDir
    Path workDir;

    @Test
    void aSecondStackOnTheSameWorkDirFindsTopicsConnectorsAndTables() throws Exception {
        URI firstRestUrl;
        String firstJdbcUrl;
        java.util.Properties firstCredentials;
        try (EmbeddedStack stack = EmbeddedStack.builder(workDir).withPostgres(true).exactlyOnceSource(true).start()) {
            stack.kafka().createTopic("edge-iiot-stream", 3, Map.of());
            stack.restClient().putConnectorConfigOrThrow("ticks", Map.of(
                    "connector.class", TickSourceConnector.class.getName(), "topic", "edge-iiot-stream", "ticks.max", "5"));
            execute(stack.postgres(), "CREATE TABLE telemetry (device_id text)");
            firstRestUrl = stack.connect().restUrl();
            firstJdbcUrl = stack.postgres().jdbcUrl();
            firstCredentials = stack.postgres().credentials();
        }
        assertThatThrownBy(() -> new ConnectRestClient(firstRestUrl).connectors()).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(firstJdbcUrl, firstCredentials).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("refused");

        try (EmbeddedStack stack = EmbeddedStack.builder(workDir).withPostgres(true).start()) {
            try (Admin admin = stack.kafka().admin()) {
                assertThat(admin.describeTopics(java.util.List.of("edge-iiot-stream")).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get("edge-iiot-stream").partitions()).hasSize(3);
            }
            assertThat(stack.restClient().connectors()).containsExactly("ticks");
            assertThat(count(stack.postgres(), "SELECT count(*) FROM telemetry")).isZero();
        }
    }

    @Test
    void postgresIsOptional() {
        try (EmbeddedStack stack = EmbeddedStack.builder(workDir).start()) {
            assertThat(stack.hasPostgres()).isFalse();
            assertThatThrownBy(stack::postgres).hasMessageContaining("withPostgres(true)");
            assertThat(stack.restClient().connectors()).isEmpty();
        }
    }

    private static void execute(EmbeddedPostgres postgres, String statement) throws SQLException {
        try (Connection connection = postgres.connect(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static long count(EmbeddedPostgres postgres, String select) throws SQLException {
        try (Connection connection = postgres.connect(); Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery(select)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
