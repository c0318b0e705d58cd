package io.flead.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flead.embedded.ConnectorStatus;
import io.flead.platform.up.PipelineTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the data says after a run: the source rows on {@code edge-iiot-stream} (read_committed) and in
 * {@code telemetry}, anomalies and local updates in their tables, the connectors' task states, and the global
 * versions published after the faults.
 */
final class PipelineCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONNECTORS = List.of("csv-device-source", "timescale-sink", "timescale-alerts-sink");

    private PipelineCheck() {
    }

    /** Checks the data; {@code log} hears where rows went missing or twice (the topic, the table, the error topics). */
    static RunOutcome check(ProcessStack stack, int faults, long versionBeforeLastFault, List<Double> recoveries,
                            Consumer<String> log) throws SQLException {
        long expected = stack.generated().trainingRows();
        Set<String> keys = new HashSet<>();
        long seen = TopicScan.scan(stack.bootstrap(), PipelineTopics.TELEMETRY, v -> keys.add(rowKey(read(v))));
        long lost = RunOutcome.lost(expected, keys.size());
        long duplicates = RunOutcome.duplicates(seen, keys.size());
        long dupAnomalies;
        long dupUpdates;
        try (Connection db = stack.database(""); Statement st = db.createStatement()) {
            long[] telemetry = counts(st, "telemetry", "(device_id, seq)");
            log.accept(String.format(java.util.Locale.ROOT, "%d rows expected; %s: %d records, %d distinct; telemetry: "
                    + "%d rows, %d distinct; %s: %d records; %s: %d records", expected, PipelineTopics.TELEMETRY, seen,
                keys.size(), telemetry[0], telemetry[1], PipelineTopics.SINK_DLQ,
                TopicScan.scan(stack.bootstrap(), PipelineTopics.SINK_DLQ, v -> { }), PipelineTopics.SOURCE_ERRORS,
                TopicScan.scan(stack.bootstrap(), PipelineTopics.SOURCE_ERRORS, v -> { })));
            lost += RunOutcome.lost(expected, telemetry[1]);
            duplicates += RunOutcome.duplicates(telemetry[0], telemetry[1]);
            long[] anomalies = counts(st, "anomalies", "(device_id, seq)");
            dupAnomalies = RunOutcome.duplicates(anomalies[0], anomalies[1]);
            long[] updates = counts(st, "local_models", "update_id");
            dupUpdates = RunOutcome.duplicates(updates[0], updates[1]);
        }
        long[] newVersions = {0};
        TopicScan.scan(stack.bootstrap(), PipelineTopics.GLOBAL_MODELS, v -> {
            JsonNode model = read(v);
            if (model.path("version").asLong() > versionBeforeLastFault && model.path("participants").asInt() > 0) {
                newVersions[0]++;
            }
        });
        return new RunOutcome(faults, lost, duplicates, dupAnomalies, dupUpdates, failedTasks(stack), newVersions[0],
            recoveries);
    }

    /** The newest global version published so far, 0 before the first. */
    static long latestVersion(ProcessStack stack) {
        long[] latest = {0};
        TopicScan.scan(stack.bootstrap(), PipelineTopics.GLOBAL_MODELS,
            v -> latest[0] = Math.max(latest[0], read(v).path("version").asLong()));
        return latest[0];
    }

    private static long failedTasks(ProcessStack stack) {
        long failed = 0;
        for (String connector : CONNECTORS) {
            ConnectorStatus status = stack.rest().connectorStatus(connector);
            failed += "FAILED".equals(status.state()) ? 1 : 0;
            failed += status.tasks().stream().filter(t -> "FAILED".equals(t.state())).count();
        }
        return failed;
    }

    /** Rows and distinct keys of a table; none when the sink never created it. */
    private static long[] counts(Statement st, String table, String key) throws SQLException {
        try (ResultSet exists = st.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return new long[] {0, 0};
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT " + key + ") FROM " + table)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    static String rowKey(JsonNode row) {
        return row.path("device_id").asText() + "/" + row.path("seq").asLong();
    }

    private static JsonNode read(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable JSON value: " + e.getMessage(), e);
        }
    }
}
