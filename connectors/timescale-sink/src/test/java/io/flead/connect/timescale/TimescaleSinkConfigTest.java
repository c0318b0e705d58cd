package io.flead.connect.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flead.connect.timescale.core.ConflictAction;
import io.flead.connect.timescale.core.CopyFormat;
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
    void passwordIsAPasswordTypeAndHiddenInToString() {
        TimescaleSinkConfig config = new TimescaleSinkConfig(Map.of("connection.url", "jdbc:postgresql://db/flead",
                "connection.password", "hunter2", "insert.mode", "UPSERT", "copy.format", "csv"));
        assertThat(config.password()).isEqualTo("hunter2");
        assertThat(config.values().toString()).doesNotContain("hunter2");
        assertThat(config.upsert()).isTrue();
        assertThat(config.copyFormat()).isEqualTo(CopyFormat.CSV);
    }

    @Test
    void singleKeyErrorsNameTheKeyAndValue() {
        assertThatThrownBy(() -> new TimescaleSinkConfig(Map.of("connection.url", "jdbc:postgresql://db/x",
                "insert.mode", "merge")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("merge").hasMessageContaining("insert.mode");
    }
}
