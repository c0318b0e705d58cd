package io.flead.platform.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MinuteAggregatesTest {
    private static final Pattern CREATED = Pattern.compile("^CREATE (?:MATERIALIZED VIEW IF NOT EXISTS|OR REPLACE VIEW) (\\w+)");

    @Test
    void eachScriptMakesTheRelationItIsNamedAfterOnBothDatabases() {
        assertThat(MinuteAggregates.relations()).containsExactly("telemetry_device_minute", "anomaly_device_minute",
            "drift_device_minute", "device_minute", "fleet_minute");
        for (String relation : MinuteAggregates.relations()) {
            for (boolean timescale : List.of(true, false)) {
                assertThat(created(relation, timescale)).as(relation + (timescale ? " on TimescaleDB" : ""))
                    .containsExactly(relation);
            }
        }
    }

    @Test
    void bothDatabasesSelectTheSameColumnsOfEachPerDeviceRelation() {
        for (String relation : MinuteAggregates.PER_DEVICE) {
            assertThat(aliases(creating(relation, false).get(0))).as(relation)
                .isEqualTo(aliases(creating(relation, true).get(0))).contains("bucket", "device_id");
        }
    }

    @Test
    void timescaleDbGetsContinuousAggregatesWithARefreshPolicyEachAndPostgresOnlyDateBin() {
        for (String relation : MinuteAggregates.PER_DEVICE) {
            List<String> timescale = creating(relation, true);
            assertThat(timescale).as(relation).hasSize(2);
            assertThat(timescale.get(0)).contains("timescaledb.continuous", "time_bucket");
            assertThat(timescale.get(1)).contains("add_continuous_aggregate_policy('" + relation + "'");
            assertThat(String.join("\n", MinuteAggregates.statements(relation, false))).contains("date_bin")
                .doesNotContain("time_bucket", "timescaledb");
        }
    }

    @Test
    void aTelemetryAggregateWithoutFirstAndLastTimeIsDroppedBeforeItIsMade() {
        List<String> timescale = MinuteAggregates.statements("telemetry_device_minute", true);
        assertThat(timescale).hasSize(3);
        assertThat(timescale.get(0)).startsWith("DO $$").contains("column_name = 'last_time'",
            "DROP MATERIALIZED VIEW telemetry_device_minute CASCADE");
        assertThat(timescale.get(1)).contains("min(time) AS first_time, max(time) AS last_time");
        assertThat(creating("telemetry_device_minute", false).get(0)).contains("min(time) AS first_time, max(time) AS last_time");
    }

    @Test
    void anUnknownRelationIsRefusedByName() {
        assertThatThrownBy(() -> MinuteAggregates.statements("hourly", true)).hasMessageContaining("'hourly'");
    }

    @Test
    void scriptsSplitIntoStatementsWithoutCommentLines() {
        assertThat(MinuteAggregates.split("-- a comment; still a comment\nSELECT 1;\nSELECT\n  2;\n\n"))
            .containsExactly("SELECT 1", "SELECT\n  2");
    }

    /** The relation's statements without the DO blocks that upgrade a relation made by an earlier version. */
    private static List<String> creating(String relation, boolean timescale) {
        return MinuteAggregates.statements(relation, timescale).stream().filter(s -> !s.startsWith("DO $$")).toList();
    }

    private static List<String> created(String relation, boolean timescale) {
        return MinuteAggregates.statements(relation, timescale).stream().map(CREATED::matcher).filter(Matcher::find)
            .map(m -> m.group(1)).toList();
    }

    private static List<String> aliases(String sql) {
        Matcher m = Pattern.compile("\\bAS (\\w+)|(device_id),").matcher(sql);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return names;
    }
}
