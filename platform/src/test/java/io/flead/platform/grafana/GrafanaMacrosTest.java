package io.flead.platform.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flead.platform.grafana.GrafanaMacros.QueryContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrafanaMacrosTest {
    private static final QueryContext CTX = new QueryContext(Instant.parse("2021-11-10T00:00:00Z"),
        Instant.parse("2021-11-10T01:30:00.250Z"), 60_000, Map.of("device", List.of("device_1", "o'brien")));

    @Test
    void timeFilterBecomesABetweenOfUtcLiterals() {
        assertThat(GrafanaMacros.expand("WHERE $__timeFilter(time)", CTX))
            .isEqualTo("WHERE time BETWEEN '2021-11-10T00:00:00Z' AND '2021-11-10T01:30:00.250Z'");
    }

    @Test
    void timeGroupAliasUsesTheIntervalInSeconds() {
        assertThat(GrafanaMacros.expand("SELECT $__timeGroupAlias(time, $__interval), count(*)", CTX))
            .isEqualTo("SELECT floor(extract(epoch from time)/60)*60 AS \"time\", count(*)");
        assertThat(GrafanaMacros.expand("$__timeGroup(t, '5m')", CTX)).isEqualTo("floor(extract(epoch from t)/300)*300");
    }

    @Test
    void intervalsAreWrittenTheWayGrafanaWritesThem() {
        assertThat(GrafanaMacros.intervalText(500)).isEqualTo("500ms");
        assertThat(GrafanaMacros.intervalText(10_000)).isEqualTo("10s");
        assertThat(GrafanaMacros.intervalText(300_000)).isEqualTo("5m");
        assertThat(GrafanaMacros.intervalText(7_200_000)).isEqualTo("2h");
        assertThat(GrafanaMacros.expand("$__interval_ms / $__interval", CTX)).isEqualTo("60000 / 1m");
    }

    @Test
    void multiValueVariablesBecomeQuotedSqlStrings() {
        assertThat(GrafanaMacros.expand("device_id IN ($device) OR x = ${device} OR y = [[device]]", CTX))
            .isEqualTo("device_id IN ('device_1','o''brien') OR x = 'device_1','o''brien' OR y = 'device_1','o''brien'");
    }

    @Test
    void unknownVariablesAreLeftAsTheyAre() {
        assertThat(GrafanaMacros.expand("SELECT '$other'", CTX)).isEqualTo("SELECT '$other'");
    }

    @Test
    void unknownMacrosAndBadIntervalsFailNamingThem() {
        assertThatThrownBy(() -> GrafanaMacros.expand("$__unixEpochNanoFilter(t)", CTX))
            .hasMessageContaining("'$__unixEpochNanoFilter'");
        assertThatThrownBy(() -> GrafanaMacros.expand("$__timeGroup(t, 'soon')", CTX))
            .hasMessageContaining("'soon'");
    }
}
