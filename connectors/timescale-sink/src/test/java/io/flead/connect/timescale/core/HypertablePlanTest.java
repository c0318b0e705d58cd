package io.flead.connect.timescale.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.connect.timescale.core.HypertablePlan.Policies;
import java.util.List;
import org.junit.jupiter.api.Test;

class HypertablePlanTest {
    private static final String CHUNK = "SELECT set_chunk_time_interval('\"telemetry\"', INTERVAL '1 day')";
    private static final String COLUMNSTORE = "ALTER TABLE \"telemetry\" SET (timescaledb.enable_columnstore = true, "
            + "timescaledb.segmentby = '\"device_id\"', timescaledb.orderby = '\"time\" DESC')";
    private static final String ADD_COLUMNSTORE =
            "CALL add_columnstore_policy('\"telemetry\"', after => INTERVAL '30 days', if_not_exists => TRUE)";
    private static final String REMOVE_COLUMNSTORE = "CALL remove_columnstore_policy('\"telemetry\"', if_exists => TRUE)";
    private static final String ADD_RETENTION =
            "SELECT add_retention_policy('\"telemetry\"', drop_after => INTERVAL '365 days', if_not_exists => TRUE)";
    private static final String REMOVE_RETENTION = "SELECT remove_retention_policy('\"telemetry\"', if_exists => TRUE)";

    private static HypertableSettings settings(String columnstoreAfter, String retention) {
        return new HypertableSettings("telemetry", "time", "1 day", columnstoreAfter, List.of("device_id"), retention);
    }

    @Test
    void aNewHypertableGetsItsChunkIntervalColumnstoreAndBothPolicies() {
        assertThat(HypertablePlan.statements(settings("30 days", "365 days"), Policies.NONE))
                .containsExactly(CHUNK, COLUMNSTORE, ADD_COLUMNSTORE, ADD_RETENTION);
    }

    @Test
    void policiesThatAlreadyMatchAreLeftAlone() {
        assertThat(HypertablePlan.statements(settings("30 days", "365 days"), new Policies(true, true, true, true)))
                .containsExactly(CHUNK, COLUMNSTORE);
    }

    @Test
    void aPolicyWithAnotherAgeIsReplaced() {
        assertThat(HypertablePlan.statements(settings("30 days", "365 days"), new Policies(true, false, true, false)))
                .containsExactly(CHUNK, COLUMNSTORE, REMOVE_COLUMNSTORE, ADD_COLUMNSTORE, REMOVE_RETENTION, ADD_RETENTION);
    }

    @Test
    void aPolicyNoLongerConfiguredIsRemovedAndNoneIsAddedWhenNoneIsWanted() {
        assertThat(HypertablePlan.statements(settings(null, null), new Policies(true, true, true, true)))
                .containsExactly(CHUNK, REMOVE_COLUMNSTORE, REMOVE_RETENTION);
        assertThat(HypertablePlan.statements(settings(null, null), Policies.NONE)).containsExactly(CHUNK);
    }
}
