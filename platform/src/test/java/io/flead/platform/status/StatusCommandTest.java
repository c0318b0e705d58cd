package io.flead.platform.status;

import static org.assertj.core.api.Assertions.assertThat;

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
}
