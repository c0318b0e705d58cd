package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.model.Eval;
import io.flead.model.VersionEvaluation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressViewTest {

    private static PipelineSnapshot snapshot(long rows, double rate, PipelineSnapshot.ModelLine model) {
        return snapshot(rows, rate, model, Map.of());
    }

    private static PipelineSnapshot snapshot(long rows, double rate, PipelineSnapshot.ModelLine model,
                                             Map<String, Long> rejectedSince) {
        return new PipelineSnapshot(10_000, rows, 200_000, rate, 120, model, rejectedSince, 345, 12.5, 3);
    }

    /** v7 made of 20 updates, 2 rejected as stale and 1 superseded, carrying the evaluation of v6 over 18 updates. */
    private static PipelineSnapshot.ModelLine v7(VersionEvaluation evaluation) {
        return new PipelineSnapshot.ModelLine(7, 7, 20, Map.of("superseded", 1L, "stale", 2L), 3L, evaluation);
    }

    @Test
    void replayLineShowsProgressRateAndEta() {
        String line = ProgressView.replayLine(snapshot(50_000, 5_000, null));
        assertThat(line).contains("50,000/200,000 rows").contains("5,000 rows/s").contains("ETA 0m30s")
            .contains("[" + "#".repeat(8) + ".".repeat(22) + "]");
    }

    @Test
    void rowsRefusedToTheErrorTopicCountAsAccountedForSoTheReplayEnds() {
        PipelineSnapshot bad = new PipelineSnapshot(10_000, 199_997, 200_000, 3, 0, 120, null, Map.of(), 345, 0, 3);
        assertThat(bad.replayDone()).isTrue();
        assertThat(ProgressView.eta(bad)).isEqualTo("done");
        assertThat(ProgressView.replayLine(bad)).contains("199,997/200,000 rows (3 refused, on edge-iiot-stream-errors)")
            .contains("[" + "#".repeat(30) + "]");
        PipelineSnapshot waiting = new PipelineSnapshot(10_000, 199_996, 200_000, 3, 0, 120, null, Map.of(), 345, 0, 3);
        assertThat(waiting.replayDone()).as("one row is neither replayed nor refused yet").isFalse();
        IdleDetector idle = new IdleDetector(1_000);
        assertThat(idle.settled(bad)).isFalse();
        assertThat(idle.settled(new PipelineSnapshot(12_000, 199_997, 200_000, 3, 0, 120, null, Map.of(), 345, 0, 3)))
            .as("flead up --exit-when-done ends").isTrue();
    }

    @Test
    void etaIsDoneWhenEveryRowIsReplayedAndUnknownWithoutRate() {
        assertThat(ProgressView.eta(snapshot(200_000, 0, null))).isEqualTo("done");
        assertThat(ProgressView.eta(snapshot(10, 0, null))).isEqualTo("--");
        assertThat(ProgressView.eta(snapshot(0, 10, null))).isEqualTo("5h33m");
    }

    @Test
    void modelLineShowsTheLatestVersionWithItsAcceptedUpdatesAndRejectionsByReason() {
        assertThat(ProgressView.modelLine(snapshot(1, 1, v7(null))))
            .isEqualTo("model   v7 round 7  accepted 20  rejected: stale 2, superseded 1  max staleness 3  "
                + "(120 local updates)");
        assertThat(ProgressView.modelLine(snapshot(1, 1, null))).contains("no global version yet")
            .doesNotContain("rejected");
    }

    @Test
    void rejectionsAfterTheLatestVersionStayVisibleWithAndWithoutAVersion() {
        assertThat(ProgressView.modelLine(snapshot(1, 1, v7(null), Map.of("stale", 4L))))
            .contains("rejected: stale 2, superseded 1  since v7: stale 4");
        assertThat(ProgressView.modelLine(snapshot(1, 1, null, Map.of("norm_above_bound", 1L, "duplicate_update_id", 2L))))
            .contains("rejected: duplicate_update_id 2, norm_above_bound 1");
    }

    @Test
    void qualityLineNamesTheEvaluatedVersion() {
        var evaluation = new VersionEvaluation(6, 18, Eval.counts(91, 9, 880, 12));
        assertThat(ProgressView.qualityLine(snapshot(1, 1, v7(evaluation))))
            .isEqualTo("quality evaluated v6 (18 updates): precision 0.910  recall 0.883  F1 0.897");
    }

    @Test
    void aModelWithoutEvaluationSaysNoneNeverZero() {
        String line = ProgressView.qualityLine(snapshot(1, 1, v7(null)));
        assertThat(line).isEqualTo("quality evaluation none");
        assertThat(String.join("\n", ProgressView.render(snapshot(1, 1, v7(null))))).doesNotContain("F1 0.000");
        assertThat(ProgressView.qualityLine(snapshot(1, 1, null))).isEqualTo("quality evaluation none");
    }

    @Test
    void summaryGivesTheLastVersionItsAcceptedCountRejectionsAndNewestEvaluation() {
        var evaluation = new VersionEvaluation(6, 18, Eval.counts(91, 9, 880, 12));
        assertThat(ProgressView.summary(snapshot(200_000, 0, v7(evaluation), Map.of("stale", 1L)))).containsExactly(
            "summary last version v7 (round 7): accepted 20 updates; rejected: stale 2, superseded 1; "
                + "rejected after it: stale 1",
            "summary newest evaluated v6 (18 updates): precision 0.910  recall 0.883  F1 0.897");
        assertThat(ProgressView.summary(snapshot(200_000, 0, null))).containsExactly(
            "summary no global version was published (120 local updates); rejected: none",
            "summary newest evaluation none");
    }

    @Test
    void outputLineCountsAnomaliesAndDriftAlerts() {
        assertThat(ProgressView.outputLine(snapshot(1, 1, null)))
            .isEqualTo("detect  345 anomalies (13/s)  3 drift alerts");
    }
}
