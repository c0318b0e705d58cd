package io.flead.connect.timescale;

import static io.flead.connect.timescale.SinkFixture.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flead.embedded.testing.TimescaleDbExtension;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink's hypertables on a real TimescaleDB 2.28: chunk intervals, columnstore and retention policies from the
 * configuration, read back from TimescaleDB's information views and settled again when the sink restarts; and late
 * and replayed rows written into chunks already in the columnstore, through COPY and through the upsert path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HypertableIT {
    @RegisterExtension
    static final TimescaleDbExtension TIMESCALE = new TimescaleDbExtension();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    private static final String DESIGN_TABLES = "('telemetry', 'anomalies', 'global_models')";

    private SinkFixture fx;

    @BeforeAll
    void startStack() throws IOException {
        fx = SinkFixture.withOwnStack("timescale-hypertable-it", TIMESCALE.server());
    }

    @AfterAll
    void stopStack() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void chunkIntervalsColumnstoreAndRetentionFollowTheConfigurationAndSettleOnRestart() {
        for (String topic : List.of("edge-iiot-stream", "anomalies", "global-model-updates")) {
            fx.stack.kafka().createTopic(topic, 1, Map.of());
        }
        String topics = "edge-iiot-stream,anomalies,global-model-updates";
        fx.startSink("policies", fx.sinkConfig(topics, "timescale.chunk.interval.map", "telemetry:1 day",
                "timescale.compress.after", "30 days", "timescale.compress.after.map", "anomalies:2 days",
                "timescale.retention.map", "telemetry:365 days"));
        fx.send("edge-iiot-stream", "dev-1", telemetry("dev-1", 0, T0));
        fx.send("anomalies", "dev-1", DesignRecords.anomaly());
        fx.send("global-model-updates", "flead", DesignRecords.globalModel());
        awaitCount("SELECT count(*) FROM telemetry", 1);
        awaitCount("SELECT count(*) FROM anomalies", 1);
        awaitCount("SELECT count(*) FROM global_models", 1);

        assertThat(strings("SELECT hypertable_name || ' ' || time_interval FROM timescaledb_information.dimensions "
                + "WHERE hypertable_name IN " + DESIGN_TABLES + " ORDER BY 1")).containsExactly("anomalies 7 days", "global_models 7 days", "telemetry 1 day");
        assertThat(strings("SELECT hypertable::text || ' ' || coalesce(nullif(segmentby, ''), '-') || ' ' || orderby "
                + "FROM timescaledb_information.hypertable_columnstore_settings WHERE hypertable::text IN " + DESIGN_TABLES
                + " ORDER BY 1")).containsExactly(
                "anomalies device_id \"time\" DESC", "global_models - \"time\" DESC", "telemetry device_id \"time\" DESC");
        assertThat(policies()).containsExactly("anomalies policy_compression 2 days",
                "global_models policy_compression 30 days", "telemetry policy_compression 30 days",
                "telemetry policy_retention 365 days");
        List<String> jobs = strings("SELECT job_id::text FROM timescaledb_information.jobs WHERE hypertable_name IN "
                + DESIGN_TABLES + " ORDER BY job_id");

        // restarted with the same settings: the tables are settled again on their first batch, and nothing changes
        fx.stack.restClient().stop("policies");
        fx.stack.restClient().awaitState("policies", "STOPPED", WAIT);
        fx.stack.restClient().resume("policies");
        fx.stack.restClient().awaitRunning("policies", 1, WAIT);
        fx.send("edge-iiot-stream", "dev-1", telemetry("dev-1", 1, T0 + 1));
        fx.send("anomalies", "dev-1", withSeq(DesignRecords.anomaly(), 2));
        awaitCount("SELECT count(*) FROM telemetry", 2);
        awaitCount("SELECT count(*) FROM anomalies", 2);
        assertThat(strings("SELECT job_id::text FROM timescaledb_information.jobs WHERE hypertable_name IN "
                + DESIGN_TABLES + " ORDER BY job_id")).isEqualTo(jobs);
        assertThat(policies()).hasSize(4);

        // new settings: telemetry's chunk interval and columnstore age change, its retention goes
        fx.startSink("policies", fx.sinkConfig(topics, "timescale.chunk.interval.map", "telemetry:2 days",
                "timescale.compress.after", "30 days", "timescale.compress.after.map", "anomalies:2 days,telemetry:10 days"));
        fx.send("edge-iiot-stream", "dev-1", telemetry("dev-1", 2, T0 + 2));
        awaitCount("SELECT count(*) FROM telemetry", 3);
        assertThat(strings("SELECT hypertable_name || ' ' || time_interval FROM timescaledb_information.dimensions "
                + "WHERE hypertable_name = 'telemetry'")).containsExactly("telemetry 2 days");
        assertThat(policies()).containsExactly("anomalies policy_compression 2 days",
                "global_models policy_compression 30 days", "telemetry policy_compression 10 days");
    }

    @Test
    void lateAndReplayedRowsLandInChunksAlreadyInTheColumnstoreThroughCopyAndUpsert() {
        fx.stack.kafka().createTopic("late", 1, Map.of());
        for (String mode : List.of("insert", "upsert")) {
            fx.startSink("late-" + mode, fx.sinkConfig("late", "topic.table.map", "late:late_" + mode, "insert.mode", mode,
                    "pk.fields", "device_id,seq,time", "timescale.compress.after", "30 days",
                    "timescale.compress.segmentby", "device_id"));
        }
        int rows = 100;
        for (int i = 0; i < rows; i++) {
            fx.sendAsync("late", "dev-" + i % 4, telemetry("dev-" + i % 4, i, T0 + i * 1000L));
        }
        fx.producer.flush();
        for (String table : List.of("late_insert", "late_upsert")) {
            awaitCount("SELECT count(*) FROM " + table, rows);
            assertThat(fx.count("SELECT count(*) FROM (SELECT compress_chunk(c) FROM show_chunks('" + table + "') c) x"))
                    .isEqualTo(1);
            assertThat(compressedChunks(table)).containsExactly("true");
        }
        // late rows: new keys inside the compressed chunk's time range, COPYed in insert mode
        for (int i = rows; i < rows + 50; i++) {
            fx.sendAsync("late", "dev-" + i % 4, telemetry("dev-" + i % 4, i, T0 + (i - rows) * 1000L + 500));
        }
        fx.producer.flush();
        awaitCount("SELECT count(*) FROM late_insert", rows + 50);
        awaitCount("SELECT count(*) FROM late_upsert", rows + 50);
        // replayed rows with a changed label: the COPY hits existing keys, so insert mode keeps the rows it has
        // (ON CONFLICT DO NOTHING) and upsert mode updates them, inside the compressed chunk
        for (int i = 0; i < rows; i++) {
            Map<String, Object> replay = telemetry("dev-" + i % 4, i, T0 + i * 1000L);
            replay.put("label", 9);
            fx.sendAsync("late", "dev-" + i % 4, replay);
        }
        fx.producer.flush();
        await().atMost(WAIT).until(() -> fx.committedOffsets("late-insert") == 2L * rows + 50
                && fx.committedOffsets("late-upsert") == 2L * rows + 50);
        for (String table : List.of("late_insert", "late_upsert")) {
            assertThat(fx.count("SELECT count(*) FROM " + table)).as(table).isEqualTo(rows + 50);
            assertThat(fx.count("SELECT count(DISTINCT (device_id, seq)) FROM " + table)).as(table).isEqualTo(rows + 50);
            assertThat(fx.count("SELECT count(*) FROM " + table + " WHERE seq >= " + rows + " AND label = seq % 2"))
                    .as(table).isEqualTo(50);
            assertThat(compressedChunks(table)).as(table).containsExactly("true");
        }
        assertThat(fx.count("SELECT count(*) FROM late_insert WHERE label = 9")).isZero();
        assertThat(fx.count("SELECT count(*) FROM late_upsert WHERE label = 9")).isEqualTo(rows);
    }

    private static Map<String, Object> withSeq(Map<String, Object> value, long seq) {
        value.put("seq", seq);
        return value;
    }

    private List<String> compressedChunks(String table) {
        return strings("SELECT is_compressed::text FROM timescaledb_information.chunks WHERE hypertable_name = '" + table + "'");
    }

    private List<String> policies() {
        return strings("SELECT hypertable_name || ' ' || proc_name || ' ' || coalesce(config->>'compress_after', "
                + "config->>'drop_after') FROM timescaledb_information.jobs WHERE hypertable_name IN " + DESIGN_TABLES
                + " ORDER BY 1");
    }

    private List<String> strings(String sql) {
        return fx.query(sql).stream().map(r -> String.valueOf(r.values().iterator().next())).toList();
    }

    private void awaitCount(String sql, long expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(fx.count(sql)).as(sql).isEqualTo(expected));
    }
}
