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
            assertThat(aliases(MinuteAggregates.statements(relation, false).get(0))).as(relation)
                .isEqualTo(aliases(MinuteAggregates.statements(relation, true).get(0))).contains("bucket", "device_id");
        }
    }

    @Test
    void timescaleDbGetsContinuousAggregatesWithARefreshPolicyEachAndPostgresOnlyDateBin() {
        for (String relation : MinuteAggregates.PER_DEVICE) {
            List<String> timescale = MinuteAggregates.statements(relation, true);
            assertThat(timescale).as(relation).hasSize(2);
            assertThat(timescale.get(0)).contains("timescaledb.continuous", "time_bucket");
            assertThat(timescale.get(1)).contains("add_continuous_aggregate_policy('" + relation + "'");
            assertThat(String.join("\n", MinuteAggregates.statements(relation, false))).contains("date_bin")
                .doesNotContain("time_bucket", "timescaledb");
        }
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
