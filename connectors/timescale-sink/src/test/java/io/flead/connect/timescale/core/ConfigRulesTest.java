package io.flead.connect.timescale.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigRulesTest {
    private static final Map<String, String> DEFAULTS = Map.of(
            ConfigRules.TABLE_NAME_FORMAT, "${topic}",
            ConfigRules.TOPIC_TABLE_MAP, ConfigRules.DEFAULT_TOPIC_TABLES,
            ConfigRules.TABLE_KEY_MAP, ConfigRules.DEFAULT_TABLE_KEYS,
            ConfigRules.TIME_FIELD, "ts",
            ConfigRules.TIME_COLUMN, "time",
            ConfigRules.INSERT_MODE, "insert",
            ConfigRules.CHUNK_INTERVAL, "7 days");

    private static Map<String, String> props(String... kv) {
        Map<String, String> p = new HashMap<>();
        p.put(ConfigRules.URL, "jdbc:postgresql://localhost/flead");
        p.put(ConfigRules.TOPICS, "edge-iiot-stream,anomalies");
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsForTheDesignTopicsAreValid() {
        assertThat(ConfigRules.check(props(ConfigRules.INSERT_MODE, "upsert"), DEFAULTS)).isEmpty();
    }

    @Test
    void aStatementTimeoutNotBelowTheSocketTimeoutIsReportedOnItsKey() {
        assertThat(ConfigRules.check(props(ConfigRules.STATEMENT_TIMEOUT_MS, "60000", ConfigRules.SOCKET_TIMEOUT_MS, "60000"),
                DEFAULTS)).containsExactly(Map.entry(ConfigRules.STATEMENT_TIMEOUT_MS, List.of("Invalid value '60000' for "
                        + "configuration 'statement.timeout.ms': must be less than 'socket.timeout.ms' (60000), or 0 for none")));
        assertThat(ConfigRules.check(props(ConfigRules.STATEMENT_TIMEOUT_MS, "0", ConfigRules.SOCKET_TIMEOUT_MS, "5000"),
                DEFAULTS)).isEmpty();
    }

    @Test
    void aMaximumBackoffBelowTheFirstIsReportedOnItsKey() {
        assertThat(ConfigRules.check(props(ConfigRules.RETRY_BACKOFF_MS, "5000", ConfigRules.RETRY_BACKOFF_MAX_MS, "1000"),
                DEFAULTS)).containsExactly(Map.entry(ConfigRules.RETRY_BACKOFF_MAX_MS, List.of("Invalid value '1000' for "
                        + "configuration 'retry.backoff.max.ms': must be at least 'retry.backoff.ms' (5000)")));
    }

    @Test
    void nonPostgresUrlIsReportedOnTheUrlKeyWithCredentialsMasked() {
        assertThat(ConfigRules.check(props(ConfigRules.URL, "jdbc:mysql://u:pw@db/x"), DEFAULTS))
                .containsExactly(Map.entry(ConfigRules.URL, List.of("Invalid value 'jdbc:mysql://***@db/x' for "
                        + "configuration 'connection.url': must be a PostgreSQL JDBC URL starting with 'jdbc:postgresql:'")));
    }

    @Test
    void upsertWithoutANaturalKeyIsReportedOnPkFields() {
        Map<String, List<String>> errors = ConfigRules.check(
                props(ConfigRules.INSERT_MODE, "upsert", ConfigRules.TOPICS, "edge-iiot-stream,raw"), DEFAULTS);
        assertThat(errors).containsOnlyKeys(ConfigRules.PK_FIELDS);
        assertThat(errors.get(ConfigRules.PK_FIELDS)).containsExactly("Invalid value '' for configuration 'pk.fields': "
                + "insert.mode 'upsert' needs a natural key for table 'raw' (topic 'raw'); set 'pk.fields' or 'table.key.map'");
        assertThat(ConfigRules.check(props(ConfigRules.INSERT_MODE, "upsert", ConfigRules.TOPICS, "raw",
                ConfigRules.PK_FIELDS, "id,time"), DEFAULTS)).isEmpty();
    }

    @Test
    void badIntervalsAreReportedOnTheirKeys() {
        Map<String, List<String>> errors = ConfigRules.check(props(ConfigRules.CHUNK_INTERVAL, "weekly",
                ConfigRules.RETENTION, "1 day; DROP", ConfigRules.COMPRESS_SEGMENTBY, "device_id"), DEFAULTS);
        assertThat(errors).containsOnlyKeys(ConfigRules.CHUNK_INTERVAL, ConfigRules.RETENTION, ConfigRules.COMPRESS_SEGMENTBY);
        assertThat(errors.get(ConfigRules.CHUNK_INTERVAL)).containsExactly("Invalid value 'weekly' for configuration "
                + "'timescale.chunk.interval': must be an interval such as '7 days' or '12 hours'");
        assertThat(errors.get(ConfigRules.COMPRESS_SEGMENTBY).get(0)).contains("only meaningful with 'timescale.compress.after'");
    }

    @Test
    void perTableTimescaleSettingsAreCheckedOnTheirKeys() {
        assertThat(ConfigRules.check(props(ConfigRules.CHUNK_INTERVAL_MAP, "telemetry:1 day,anomalies:12 hours",
                ConfigRules.COMPRESS_AFTER_MAP, "telemetry:30 days", ConfigRules.RETENTION_MAP, "telemetry:365 days",
                ConfigRules.COMPRESS_SEGMENTBY_MAP, "telemetry:device_id|attack_type"), DEFAULTS)).isEmpty();
        Map<String, List<String>> errors = ConfigRules.check(props(ConfigRules.CHUNK_INTERVAL_MAP, "telemetry:daily",
                ConfigRules.COMPRESS_AFTER_MAP, "telemetry", ConfigRules.RETENTION_MAP, "anomalies:1 day'); DROP",
                ConfigRules.COMPRESS_SEGMENTBY_MAP, "telemetry:device_id|"), DEFAULTS);
        assertThat(errors).containsOnlyKeys(ConfigRules.CHUNK_INTERVAL_MAP, ConfigRules.COMPRESS_AFTER_MAP,
                ConfigRules.RETENTION_MAP, ConfigRules.COMPRESS_SEGMENTBY_MAP);
        assertThat(errors.get(ConfigRules.CHUNK_INTERVAL_MAP)).containsExactly("Invalid value 'telemetry:daily' for "
                + "configuration 'timescale.chunk.interval.map': entries must be table:interval, with an interval such as "
                + "'7 days' or '12 hours'");
        assertThat(errors.get(ConfigRules.COMPRESS_AFTER_MAP)).containsExactly("Invalid value 'telemetry' for "
                + "configuration 'timescale.compress.after.map': entries must look like 'name:value'");
        assertThat(errors.get(ConfigRules.RETENTION_MAP).get(0)).startsWith("Invalid value 'anomalies:1 day'); DROP' for "
                + "configuration 'timescale.retention.map'");
        assertThat(errors.get(ConfigRules.COMPRESS_SEGMENTBY_MAP).get(0)).contains("'timescale.compress.segmentby.map'");
    }

    @Test
    void malformedMapsAndFormatsAreReportedOnTheirKeys() {
        Map<String, List<String>> errors = ConfigRules.check(props(ConfigRules.TOPIC_TABLE_MAP, "noColon",
                ConfigRules.TABLE_KEY_MAP, "t:a||b", ConfigRules.TABLE_NAME_FORMAT, "fixed"), DEFAULTS);
        assertThat(errors).containsOnlyKeys(ConfigRules.TOPIC_TABLE_MAP, ConfigRules.TABLE_KEY_MAP, ConfigRules.TABLE_NAME_FORMAT);
        assertThat(errors.get(ConfigRules.TOPIC_TABLE_MAP)).containsExactly(
                "Invalid value 'noColon' for configuration 'topic.table.map': entries must look like 'name:value'");
        assertThat(errors.get(ConfigRules.TABLE_KEY_MAP)).containsExactly("Invalid value 't:a||b' for configuration "
                + "'table.key.map': column '' is not a valid identifier");
    }

    @Test
    void topicsGivingOverlongTableNamesAreReportedOnTheFormat() {
        Map<String, List<String>> errors = ConfigRules.check(props(ConfigRules.TOPICS, "t".repeat(70)), DEFAULTS);
        assertThat(errors).containsOnlyKeys(ConfigRules.TABLE_NAME_FORMAT);
        assertThat(errors.get(ConfigRules.TABLE_NAME_FORMAT).get(0)).contains("longer than 63 bytes");
    }

    @Test
    void flatteningProblemsAreReportedOnTheirKeys() {
        Map<String, List<String>> errors = ConfigRules.check(props(ConfigRules.FLATTEN_FIELDS, "features,ts",
                ConfigRules.FLATTEN_COLUMN_FORMAT, "${field}_x"), DEFAULTS);
        assertThat(errors).containsOnlyKeys(ConfigRules.FLATTEN_FIELDS, ConfigRules.FLATTEN_COLUMN_FORMAT);
        assertThat(errors.get(ConfigRules.FLATTEN_COLUMN_FORMAT)).containsExactly("Invalid value '${field}_x' for "
                + "configuration 'flatten.column.format': must contain ${key}");
        assertThat(errors.get(ConfigRules.FLATTEN_FIELDS)).containsExactly("Invalid value 'features,ts' for "
                + "configuration 'flatten.fields': 'ts' is a time field and cannot be flattened");
        String longField = "f".repeat(62);
        assertThat(ConfigRules.check(props(ConfigRules.FLATTEN_FIELDS, longField), DEFAULTS).get(ConfigRules.FLATTEN_FIELDS))
                .containsExactly("Invalid value '" + longField + "' for configuration 'flatten.fields': field '" + longField
                        + "' does not give valid column names with 'flatten.column.format' = '${field}.${key}' "
                        + "(empty, NUL or longer than 63 bytes)");
        assertThat(ConfigRules.check(props(ConfigRules.FLATTEN_FIELDS, "features", ConfigRules.FLATTEN_COLUMN_FORMAT,
                "${key}"), DEFAULTS)).isEmpty();
    }
}
