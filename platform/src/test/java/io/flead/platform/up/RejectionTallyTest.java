package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.model.GlobalModel;
import io.flead.model.UpdateAck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectionTallyTest {

    private static UpdateAck ack(String outcome, long ts) {
        return new UpdateAck("device_1", "u-" + ts, 3, 50L, UpdateAck.ACCEPTED.equals(outcome) ? 4L : null, outcome,
            null, ts);
    }

    private static GlobalModel version(long v, long ts) {
        return new GlobalModel(v, v, ts, "fedavg", 1, 50, List.of("a"), new double[] {1}, 0, null, 0.5, null,
            List.of(), null);
    }

    @Test
    void countsRejectionsByReasonUntilAVersionReportsThem() {
        RejectionTally tally = new RejectionTally();
        tally.add(ack("stale", 100));
        tally.add(ack("superseded", 110));
        tally.add(ack(UpdateAck.ACCEPTED, 120));
        assertThat(tally.sinceVersion()).isEqualTo(Map.of("stale", 1L, "superseded", 1L));
        tally.onVersion(version(4, 115));
        assertThat(tally.sinceVersion()).isEmpty();
        tally.add(ack("stale", 130));
        tally.add(ack("stale", 131));
        assertThat(tally.sinceVersion()).isEqualTo(Map.of("stale", 2L));
        assertThat(tally.accepted()).isEqualTo(1);
        assertThat(tally.rejected()).isEqualTo(4);
    }

    @Test
    void anOlderVersionReadLateDoesNotHideNewerRejections() {
        RejectionTally tally = new RejectionTally();
        tally.onVersion(version(5, 200));
        tally.add(ack("stale", 150));
        tally.add(ack("stale", 250));
        tally.onVersion(version(4, 100));
        assertThat(tally.sinceVersion()).isEqualTo(Map.of("stale", 1L));
    }

    @Test
    void rejectionsAfterAVersionTimeCountOnlyLaterRejectedAcknowledgements() {
        List<UpdateAck> acks = List.of(ack(UpdateAck.ACCEPTED, 500), ack("stale", 400), ack("stale", 600),
            ack("duplicate_update_id", 700), ack("stale", 450));
        assertThat(RejectionTally.after(acks, 450)).isEqualTo(Map.of("stale", 1L, "duplicate_update_id", 1L));
        assertThat(RejectionTally.after(acks, Long.MIN_VALUE)).isEqualTo(Map.of("stale", 3L, "duplicate_update_id", 1L));
    }
}
