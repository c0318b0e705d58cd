package io.flead.bench.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flead.model.Eval;
import io.flead.model.GlobalModel;
import io.flead.model.VersionEvaluation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopFiguresTest {

    private static GlobalModel version(long v, int participants, VersionEvaluation evaluation,
                                       Map<String, Long> rejected, Long maxStaleness) {
        return new GlobalModel(v, v, 1000 + v, "fedavg", participants, participants * 50L, List.of("a"),
            new double[] {1}, 0, null, 0.5, null, List.of(), null, evaluation, rejected, maxStaleness);
    }

    /** An evaluation of {@code v} with the given F1 from tp = fp = fn counts: F1 = 2tp / (2tp + fp + fn). */
    private static VersionEvaluation evaluated(long v, long tp, long fp, long fn) {
        return new VersionEvaluation(v, 10, Eval.counts(tp, fp, 1000, fn));
    }

    private static LoopFigures.Sighting seen(GlobalModel m, long rows) {
        return new LoopFigures.Sighting(m, rows, rows / 10);
    }

    @Test
    void figuresCountVersionsAcceptedUpdatesAndTheEmptyVersionsOnce() {
        List<LoopFigures.Sighting> sightings = List.of(
            seen(version(1, 100, null, Map.of(), 0L), 20_000),
            seen(version(2, 0, evaluated(1, 10, 30, 30), Map.of("stale", 100L), 9L), 40_000),
            seen(version(2, 0, evaluated(1, 10, 30, 30), Map.of("stale", 100L), 9L), 40_000), // read twice
            seen(version(3, 60, evaluated(2, 90, 10, 10), Map.of("superseded", 2L), 3L), 60_000),
            seen(version(4, 40, null, Map.of(), null), 200_000));
        LoopFigures f = LoopFigures.of(sightings, Map.of(), 230, 200_000);
        assertThat(f.versions()).isEqualTo(4);
        assertThat(f.zeroAcceptVersions()).isEqualTo(1);
        assertThat(f.accepted()).isEqualTo(200);
        assertThat(f.rejected()).isEqualTo(Map.of("stale", 100L, "superseded", 2L));
        assertThat(f.maxStaleness()).isEqualTo(9L);
        // the newest version with an evaluation is v3 (v4 has none): its evaluation is of v2, F1 180/200
        assertThat(f.finalEvaluation().version()).isEqualTo(2);
        assertThat(f.finalEvaluation().f1()).isCloseTo(0.9, within(1e-12));
        // v3 carries the first evaluation at F1 >= 0.8, of v2, which was published with 40,000 of 200,000 rows done
        assertThat(f.rowsBeforeF1Pct()).isCloseTo(20.0, within(1e-12));
        assertThat(f.timeline()).extracting(s -> s.model().version()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void acknowledgementsGiveTheRejectionsWhenFedavgWroteAny() {
        LoopFigures f = LoopFigures.of(List.of(seen(version(1, 5, null, Map.of("stale", 1L), null), 10)),
            Map.of("accepted", 5L, "stale", 3L, "norm_above_bound", 1L), 9, 100);
        assertThat(f.rejected()).isEqualTo(Map.of("stale", 3L, "norm_above_bound", 1L));
        assertThat(f.rejectedTotal()).isEqualTo(4);
    }

    @Test
    void noEvaluationIsNoneAndAnUnreachedF1CountsAsTheWholeReplay() {
        LoopFigures f = LoopFigures.of(List.of(seen(version(1, 5, evaluated(0, 1, 9, 9), Map.of(), null), 10)),
            Map.of(), 5, 100);
        assertThat(f.rowsBeforeF1Pct()).isEqualTo(100);
        LoopFigures none = LoopFigures.of(List.of(seen(version(1, 5, null, Map.of(), null), 10)), Map.of(), 5, 100);
        assertThat(none.finalEvaluation()).isNull();
        assertThat(none.maxStaleness()).isNull();
    }

    @Test
    void totalsTakeMinAndMedianOverEvaluatedRunsAndTheWorstEarlyShareAt5000RowsPerSecond() {
        LoopFigures a = new LoopFigures(10, 0, 100, Map.of(), 100, 2L, evaluated(9, 90, 10, 10), 20, List.of());
        LoopFigures b = new LoopFigures(10, 1, 100, Map.of(), 100, 5L, evaluated(9, 80, 20, 20), 25, List.of());
        LoopFigures c = new LoopFigures(10, 0, 100, Map.of(), 100, null, evaluated(9, 95, 5, 5), 90, List.of());
        LoopFigures d = new LoopFigures(10, 2, 100, Map.of(), 100, null, null, 100, List.of());
        LoopFigures.Totals t = LoopFigures.totals(List.of(a, b, c, d), List.of(true, true, false, true));
        assertThat(t.runs()).isEqualTo(4);
        assertThat(t.runsWithoutEvaluation()).isEqualTo(1);
        assertThat(t.f1Min().getAsDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(t.f1Median().getAsDouble()).isCloseTo(0.9, within(1e-12));
        assertThat(t.zeroAcceptVersions()).isEqualTo(3);
        assertThat(t.maxStaleness()).isEqualTo(5L);
        assertThat(t.rowsBeforeF1PctWorst()).isEqualTo(100); // run d, at 5,000 rows/s, never reached F1 0.8
        assertThat(LoopFigures.totals(List.of(a, c), List.of(false, false)).rowsBeforeF1PctWorst()).isEqualTo(90);
    }
}
