package io.flead.platform.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.model.UpdateAck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

    @Test
    void versionLineShowsAcceptedRejectionsByReasonAndTheEvaluatedVersion() {
        String line = StatusCommand.versionLine(12, 100, "{\"superseded\": 1, \"stale\": 3}", "2",
            "{\"version\": 11, \"updates\": 100, \"tp\": 90, \"fp\": 10, \"tn\": 880, \"fn\": 20, \"f1\": 0.857, "
                + "\"precision\": 0.9, \"recall\": 0.818}");
        assertThat(line).isEqualTo("       12       100              2  stale 3, superseded 1  /  "
            + "evaluated v11 (100 updates): precision 0.900  recall 0.818  F1 0.857");
    }

    @Test
    void aVersionWithoutEvaluationOrRejectionsSaysNoneNeverZero() {
        String line = StatusCommand.versionLine(3, 20, "{}", null, null);
        assertThat(line).endsWith("none  /  evaluation none").doesNotContain("0.000");
        assertThat(StatusCommand.versionLine(3, 20, null, null, null)).endsWith("none  /  evaluation none");
    }

    @Test
    void rejectionsAfterTheLatestVersionCountOnlyLaterRejectedAcknowledgements() {
        List<UpdateAck> acks = List.of(
            new UpdateAck("d1", "u1", 3, 10L, 4L, UpdateAck.ACCEPTED, null, 500),
            new UpdateAck("d2", "u2", 1, 10L, null, "stale", "3 versions behind", 400),
            new UpdateAck("d3", "u3", 1, 10L, null, "stale", "3 versions behind", 600),
            new UpdateAck("d4", "u4", 4, 10L, null, "duplicate_update_id", null, 700));
        assertThat(StatusCommand.after(acks, 450)).isEqualTo(Map.of("stale", 1L, "duplicate_update_id", 1L));
    }
}
