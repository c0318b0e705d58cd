package io.flead.connect.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flead.connect.timescale.core.ConflictAction;
import io.flead.connect.timescale.core.CopyFormat;
import io.flead.connect.timescale.core.HypertableSettings;
import io.flead.connect.timescale.core.RetryPolicy;
import io.flead.connect.timescale.core.TableTarget;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class TimescaleSinkConfigTest {
    @Test
    void defaultsRouteTheFiveDesignTopicsWithTheirNaturalKeys() {
        TimescaleSinkConfig config = new TimescaleSinkConfig(Map.of("connection.url", "jdbc:postgresql://db/flead"));
        assertThat(config.router().route("edge-iiot-stream"))
                .isEqualTo(new TableTarget("telemetry", "ts", "time", List.of("device_id", "seq", "time")));
        assertThat(config.router().route("local-model-updates").keyColumns()).containsExactly("update_id", "time");
        assertThat(config.router().route("global-model-updates").keyColumns()).containsExactly("version", "time");
        assertThat(config.router().route("anomalies").keyColumns()).containsExactly("device_id", "seq", "time");
        assertThat(config.router().route("drift-alerts"))
                .isEqualTo(new TableTarget("drift_alerts", "ts", "time", List.of("device_id", "feature", "method", "time")));
        assertThat(config.router().route("other")).isEqualTo(new TableTarget("other", "ts", "time", List.of()));
        assertThat(config.upsert()).isFalse();
        assertThat(config.conflictAction()).isEqualTo(ConflictAction.UPDATE);
        assertThat(config.copyFormat()).isEqualTo(CopyFormat.TEXT);
        assertThat(config.batchSize()).isEqualTo(10_000);
        assertThat(config.exactlyOnce()).isFalse();
    }

    @Test
    void hypertableSettingsComeFromTheTablesEntriesElseTheSinkWideValues() {
        TimescaleSinkConfig defaults = new TimescaleSinkConfig(Map.of("connection.url", "jdbc:postgresql://db/flead"));
        TableTarget telemetry = defaults.router().route("edge-iiot-stream");
        TableTarget models = defaults.router().route("global-model-updates");
        assertThat(defaults.hypertable(telemetry))
                .isEqualTo(new HypertableSettings("telemetry", "time", "7 days", null, List.of("device_id"), null));
        assertThat(defaults.hypertable(models))
                .isEqualTo(new HypertableSettings("global_models", "time", "7 days", null, List.of(), null));
        TimescaleSinkConfig tuned = new TimescaleSinkConfig(Map.of("connection.url", "jdbc:postgresql://db/flead",
                "timescale.chunk.interval.map", "telemetry:1 day", "timescale.compress.after", "30 days",
                "timescale.compress.after.map", "telemetry:2 days", "timescale.retention.map", "telemetry:365 days"));
        assertThat(tuned.hypertable(telemetry))
                .isEqualTo(new HypertableSettings("telemetry", "time", "1 day", "2 days", List.of("device_id"), "365 days"));
        assertThat(tuned.hypertable(models))
                .isEqualTo(new HypertableSettings("global_models", "time", "7 days", "30 days", List.of(), null));
    }

    @Test
    void passwordIsAPasswordTypeAndHiddenInToString() {
        TimescaleSinkConfig config = new TimescaleSinkConfig(Map.of("connection.url", "jdbc:postgresql://db/flead",
                "connection.password", "hunter2", "insert.mode", "UPSERT", "copy.format", "csv"));
        assertThat(config.password()).isEqualTo("hunter2");
        assertThat(config.values().toString()).doesNotContain("hunter2");
        assertThat(config.upsert()).isTrue();
        assertThat(config.copyFormat()).isEqualTo(CopyFormat.CSV);
    }

    @Test
    void defaultsRetryForeverWithABoundedBackoffAndBoundEveryWait() {
        TimescaleSinkConfig config = new TimescaleSinkConfig(Map.of("connection.url", "jdbc:postgresql://db/flead"));
        assertThat(config.retryPolicy()).isEqualTo(new RetryPolicy(RetryPolicy.FOREVER, 1_000, 30_000));
        assertThat(config.connectionTimeoutMs()).isEqualTo(10_000);
        assertThat(config.socketTimeoutMs()).isEqualTo(60_000);
        assertThat(config.statementTimeoutMs()).isEqualTo(30_000);
        assertThat(config.maxColumns()).isEqualTo(500);
        TimescaleSinkConfig failing = new TimescaleSinkConfig(Map.of("connection.url", "jdbc:postgresql://db/flead",
                "max.retries", "5", "retry.backoff.ms", "200", "retry.backoff.max.ms", "1000"));
        assertThat(failing.retryPolicy()).isEqualTo(new RetryPolicy(5, 200, 1_000));
    }

    @Test
    void invalidRetryTimeoutAndColumnSettingsAreRefusedNamingTheKey() {
        Map<String, String> bad = Map.of("max.retries", "-2", "socket.timeout.ms", "500", "connection.timeout.ms", "0",
                "statement.timeout.ms", "-1", "retry.backoff.max.ms", "-5", "auto.evolve.max.columns", "1601");
        bad.forEach((key, value) -> assertThatThrownBy(() -> new TimescaleSinkConfig(
                Map.of("connection.url", "jdbc:postgresql://db/x", key, value)))
                .as(key).isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid value " + value + " for configuration " + key));
    }

    @Test
    void singleKeyErrorsNameTheKeyAndValue() {
        assertThatThrownBy(() -> new TimescaleSinkConfig(Map.of("connection.url", "jdbc:postgresql://db/x",
                "insert.mode", "merge")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("merge").hasMessageContaining("insert.mode");
    }
}
