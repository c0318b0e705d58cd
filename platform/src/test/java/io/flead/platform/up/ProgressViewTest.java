package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressViewTest {

    private static PipelineSnapshot snapshot(long rows, double rate, PipelineSnapshot.ModelLine model) {
        return new PipelineSnapshot(10_000, rows, 200_000, rate, 120, model, 345, 12.5, 3);
    }

    @Test
    void replayLineShowsProgressRateAndEta() {
        String line = ProgressView.replayLine(snapshot(50_000, 5_000, null));
        assertThat(line).contains("50,000/200,000 rows").contains("5,000 rows/s").contains("ETA 0m30s")
            .contains("[" + "#".repeat(8) + ".".repeat(22) + "]");
    }

    @Test
    void etaIsDoneWhenEveryRowIsReplayedAndUnknownWithoutRate() {
        assertThat(ProgressView.eta(snapshot(200_000, 0, null))).isEqualTo("done");
        assertThat(ProgressView.eta(snapshot(10, 0, null))).isEqualTo("--");
        assertThat(ProgressView.eta(snapshot(0, 10, null))).isEqualTo("5h33m");
    }

    @Test
    void modelLineShowsTheLatestGlobalModelsFigures() {
        var model = new PipelineSnapshot.ModelLine(7, 7, 20, 0.91, 0.88, 0.8947, 2);
        assertThat(ProgressView.modelLine(snapshot(1, 1, model)))
            .contains("v7 round 7").contains("participants 20").contains("precision 0.910")
            .contains("recall 0.880").contains("F1 0.895").contains("rejected 2").contains("120 local updates");
        assertThat(ProgressView.modelLine(snapshot(1, 1, null))).contains("no global model yet");
    }

    @Test
    void outputLineCountsAnomaliesAndDriftAlerts() {
        assertThat(ProgressView.outputLine(snapshot(1, 1, null)))
            .isEqualTo("detect  345 anomalies (13/s)  3 drift alerts");
    }
}
