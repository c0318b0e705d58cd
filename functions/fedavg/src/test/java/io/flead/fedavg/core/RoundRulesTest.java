package io.flead.fedavg.core;

import static io.flead.fedavg.core.Updates.NAMES;
import static io.flead.fedavg.core.Updates.global;
import static io.flead.fedavg.core.Updates.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flead.model.ClassMoments;
import io.flead.model.Eval;

import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.Rejection;

import org.junit.jupiter.api.Test;

/** The rules that keep the asynchronous loop converging: arrival checks, versions from accepted work, FedBuff deltas. */
class RoundRulesTest {
    private final Aggregator aggregator = new Aggregator(FedAvgSettings.defaults().withRound(3, 1_000, 2)
        .withBounds(2, 1e4, 1_000));
    private final ModelHistory history = ModelHistory.inMemory();

    private Arrival arrive(RoundBuffer buffer, LocalModelUpdate u, GlobalModel current) {
        return aggregator.arrive(buffer, u, current, 0, buffer);
    }

    @Test
    void aStaleUpdateIsRejectedOnArrivalAndTakesNoSlotOfTheRound() {
        GlobalModel current = global(10, 0, 0, 0);
        RoundBuffer buffer = aggregator.empty();
        for (int i = 0; i < 3; i++) {
            Arrival a = arrive(buffer, update("old" + i, 7, 10, 1, 1, 1), current);
            assertThat(a.accepted()).isFalse();
            assertThat(a.rejection().reason()).startsWith("stale: base_version 7 is 3 versions behind 10 (bound 2)");
        }
        assertThat(buffer.participants()).isZero();
        assertThat(aggregator.shouldClose(buffer, 1_000_000)).as("rejections never close a round").isFalse();
        for (int i = 0; i < 3; i++) {
            assertThat(arrive(buffer, update("new" + i, 9, 10, 1, 1, 1), current).accepted()).isTrue();
        }
        assertThat(aggregator.shouldClose(buffer, 0)).as("K = 3 accepted updates").isTrue();
        GlobalModel next = aggregator.close(buffer, current, history, 5).global();
        assertThat(next.participants()).isEqualTo(3);
        assertThat(next.rejectedCounts()).containsExactly(java.util.Map.entry("stale", 3L));
        assertThat(next.rejected()).extracting(Rejection::updateId).containsExactly("old0-7-10-1.0", "old1-7-10-1.0",
            "old2-7-10-1.0");
        assertThat(next.maxStaleness()).isEqualTo(1);
    }

    @Test
    void aRoundWhoseUpdatesAllFailAtCloseWritesNoVersionAndCarriesTheRejections() {
        GlobalModel v5 = global(5, 0, 0, 0);
        RoundBuffer buffer = aggregator.empty();
        aggregator.add(buffer, update("d1", 2, 10, 1, 1, 1), 0); // checked only at close: 3 behind, bound 2
        aggregator.add(buffer, update("d2", 1, 10, 1, 1, 1), 0);
        RoundResult empty = aggregator.close(buffer, v5, history, 5);
        assertThat(empty.published()).isFalse();
        assertThat(empty.global()).isNull();
        assertThat(empty.rejectedAtClose()).hasSize(2);
        assertThat(empty.next().participants()).isZero();
        assertThat(history.get(6)).as("no version 6 was recorded").isNull();

        RoundBuffer next = empty.next();
        arrive(next, update("d3", 5, 10, 1, 1, 1), v5);
        GlobalModel v6 = aggregator.close(next, v5, history, 6).global();
        assertThat(v6.version()).isEqualTo(6);
        assertThat(v6.participants()).isEqualTo(1);
        assertThat(v6.rejectedCounts()).containsEntry("stale", 2L);
        assertThat(v6.rejected()).hasSize(2);
    }

    @Test
    void anUpdatesChangeIsTakenFromItsOwnBaseNotFromTheCurrentModel() {
        // version 4 had (1, 1, 0); version 5 moved to (2, 2, 0); a device trained from version 4 reached (1.5, 1, 0)
        history.put(VersionRecord.published(4, new double[] {1, 1, 0}, true));
        GlobalModel v5 = global(5, 2, 2, 0);
        history.put(VersionRecord.published(5, new double[] {2, 2, 0}, true));
        RoundBuffer buffer = aggregator.empty();
        arrive(buffer, update("d1", 4, 10, 1.5, 1, 0), v5);
        GlobalModel v6 = aggregator.close(buffer, v5, history, 9).global();
        double s = RoundCombiner.stalenessWeight(1);
        // its change (+0.5, 0, 0) is added to version 5, scaled by its staleness weight: no pull back towards version 4
        assertThat(v6.weights()[0]).isCloseTo(2 + s * 0.5, within(1e-12));
        assertThat(v6.weights()[1]).isCloseTo(2.0, within(1e-12));
        assertThat(v6.bias()).isCloseTo(0.0, within(1e-12));
        assertThat(history.get(6).parameters()).containsExactly(v6.weights()[0], v6.weights()[1], v6.bias());
    }

    @Test
    void aBurstOfUpdatesOnOneVersionMovesTheModelByOneAveragedStepWhateverTheRoundsItFills() {
        history.put(VersionRecord.published(4, new double[] {0, 0, 0}, true));
        GlobalModel v4 = global(4, 0, 0, 0);
        RoundBuffer first = aggregator.empty();
        arrive(first, update("d1", 4, 10, 1, 0, 0), v4);
        arrive(first, update("d2", 4, 10, 3, 0, 0), v4);
        GlobalModel v5 = aggregator.close(first, v4, history, 1).global();
        assertThat(v5.weights()[0]).isCloseTo(2.0, within(1e-12));
        // more updates trained from version 4, arriving after version 5: their mean change is also 2, so nothing moves
        RoundBuffer second = aggregator.empty();
        arrive(second, update("d3", 4, 10, 2, 0, 0), v5);
        arrive(second, update("d4", 4, 10, 2, 0, 0), v5);
        GlobalModel v6 = aggregator.close(second, v5, history, 2).global();
        assertThat(v6.weights()[0]).isCloseTo(2.0, within(1e-12));
        // one that learned more corrects the running mean: (2 * 4 + 6) / 5 = 2.8, a step of 0.8 weighed by (1+2)^-0.5
        RoundBuffer third = aggregator.empty();
        arrive(third, update("d5", 4, 10, 6, 0, 0), v6);
        GlobalModel v7 = aggregator.close(third, v6, history, 3).global();
        assertThat(v7.weights()[0]).isCloseTo(2.0 + 0.8 * RoundCombiner.stalenessWeight(2), within(1e-12));
        // an update trained from version 7 takes a whole step of its own
        RoundBuffer fourth = aggregator.empty();
        arrive(fourth, update("d1", 7, 10, v7.weights()[0] + 1, 0, 0), v7);
        GlobalModel v8 = aggregator.close(fourth, v7, history, 4).global();
        assertThat(v8.weights()[0]).isCloseTo(v7.weights()[0] + 1, within(1e-12));
    }

    @Test
    void theHistoryForgetsVersionsBeyondTheStalenessBound() {
        GlobalModel current = global(1, 0, 0, 0);
        for (int v = 1; v <= 6; v++) {
            RoundBuffer buffer = aggregator.empty();
            arrive(buffer, update("d" + v, v, 10, 1, 1, 1), current);
            current = aggregator.close(buffer, current, history, v).global();
        }
        assertThat(current.version()).isEqualTo(7);
        assertThat(history.get(4)).isNull();
        assertThat(history.get(5)).isNotNull();
        assertThat(history.get(7)).isNotNull();
    }

    @Test
    void theVersionsEvaluationIsItsNewestBasesRunningCountsAndItsThresholdComesFromThatBaseAlone() {
        GlobalModel v4 = global(4, 0, 0, 0);
        history.put(VersionRecord.published(3, new double[] {0, 0, 0}, true));
        history.put(VersionRecord.published(4, new double[] {0, 0, 0}, true));
        RoundBuffer buffer = aggregator.empty();
        // version 3's margins separate at about -5, version 4's at about -1: only version 4's may set the threshold
        arrive(buffer, Updates.withEval(update("d1", 3, 10, 0, 0, 0), Updates.separable(100, -6.0, -4.0)), v4);
        arrive(buffer, Updates.withEval(update("d2", 4, 10, 0, 0, 0), Updates.separable(20, -2.0, 0.0)), v4);
        GlobalModel v5 = aggregator.close(buffer, v4, history, 1).global();
        assertThat(v5.evaluation().version()).isEqualTo(4);
        assertThat(v5.evaluation().updates()).isEqualTo(1);
        assertThat(v5.evaluation().rows()).isEqualTo(40);
        double margin = Math.log(v5.threshold() / (1 - v5.threshold()));
        assertThat(margin).isBetween(-2.0, 0.0);
        // the round's eval still sums every update (a mix of versions); the evaluation does not
        assertThat(v5.eval().total()).isEqualTo(240);

        RoundBuffer next = aggregator.empty();
        arrive(next, Updates.withEval(update("d3", 4, 10, 0, 0, 0), Updates.separable(20, -2.0, 0.0)), v5);
        GlobalModel v6 = aggregator.close(next, v5, history, 2).global();
        assertThat(v6.evaluation().version()).as("version 4's evaluation keeps counting").isEqualTo(4);
        assertThat(v6.evaluation().updates()).isEqualTo(2);
        assertThat(v6.evaluation().rows()).isEqualTo(80);
    }

    @Test
    void aVersionEvaluatedByFewerThanHalfARoundOfUpdatesIsNotReportedYet() {
        history.put(VersionRecord.published(4, new double[] {0, 0, 0}, true));
        GlobalModel current = global(4, 0, 0, 0);
        RoundBuffer a = aggregator.empty();
        arrive(a, Updates.withEval(update("d1", 4, 10, 0, 0, 0), Updates.separable(10, -2.0, 0.0)), current);
        arrive(a, Updates.withEval(update("d2", 4, 10, 0, 0, 0), Updates.separable(10, -2.0, 0.0)), current);
        current = aggregator.close(a, current, history, 1).global();
        assertThat(current.evaluation().version()).isEqualTo(4);

        RoundBuffer b = aggregator.empty();
        arrive(b, Updates.withEval(update("d3", 4, 10, 0, 0, 0), Updates.separable(10, -2.0, 0.0)), current);
        arrive(b, Updates.withEval(update("d4", 5, 10, 0, 0, 0), Updates.separable(10, -6.0, -5.0)), current);
        double thresholdBefore = current.threshold();
        current = aggregator.close(b, current, history, 2).global();
        assertThat(current.evaluation().version()).as("version 5 rests on one update of the two needed").isEqualTo(4);
        assertThat(current.evaluation().updates()).isEqualTo(3);
        assertThat(current.threshold()).as("still tuned on version 4's margins").isEqualTo(thresholdBefore);

        RoundBuffer c = aggregator.empty();
        arrive(c, Updates.withEval(update("d5", 5, 10, 0, 0, 0), Updates.separable(10, -6.0, -5.0)), current);
        current = aggregator.close(c, current, history, 3).global();
        assertThat(current.evaluation().version()).isEqualTo(5);
        assertThat(current.evaluation().updates()).isEqualTo(2);
    }

    @Test
    void aVersionWithoutLabelledEvidenceHasNoEvaluationRatherThanZero() {
        GlobalModel v2 = global(2, 0, 0, 0);
        RoundBuffer buffer = aggregator.empty();
        arrive(buffer, Updates.withEval(update("d1", 2, 10, 0, 0, 0), Eval.EMPTY), v2);
        GlobalModel v3 = aggregator.close(buffer, v2, history, 1).global();
        assertThat(v3.evaluation()).isNull();
    }

    @Test
    void theFirstVersionWithWeightsTakesItsThresholdFromTheShareOfAttackRowsNotThePrior() {
        // version 1 has statistics but no weights: the max-|z| rule scored, so no margins of a weighted model exist
        GlobalModel v1 = new GlobalModel(1, 1, 0, "fedavg", 2, 0, NAMES, new double[0], 0.0,
            FeatureStats.of(new double[][] {{0, 0}, {2, 2}}, 2), GlobalModel.PRIOR_THRESHOLD, null, null, null);
        RoundBuffer buffer = aggregator.empty();
        for (int i = 0; i < 2; i++) {
            LocalModelUpdate u = update("d" + i, 1, 10, 0.5, -0.5, -3);
            Eval fit = Eval.counts(3, 1, 30, 6 + i); // 9 and 10 attack rows of 40 and 41
            arrive(buffer, withFit(u, fit), v1);
        }
        GlobalModel v2 = aggregator.close(buffer, v1, history, 1).global();
        assertThat(v2.hasWeights()).isTrue();
        assertThat(v2.threshold()).isCloseTo(19.0 / 81, within(1e-12));
    }

    @Test
    void anUnknownBaseFallsBackToTheCurrentModelAndAVersionZeroBaseToZeros() {
        GlobalModel v3 = global(3, 1, 1, 1);
        RoundBuffer buffer = aggregator.empty();
        // version 2 is not in the history: measured from version 3 (1, 1, 1) as a synchronous round would
        arrive(buffer, update("d1", 2, 10, 2, 1, 1), v3);
        GlobalModel v4 = aggregator.close(buffer, v3, history, 1).global();
        assertThat(v4.weights()[0]).isCloseTo(1 + RoundCombiner.stalenessWeight(1) * 1, within(1e-12));
        assertThat(new BaseVersions(history, v4).get(0).parameterVector(2)).containsExactly(0.0, 0.0, 0.0);
    }

    @Test
    void theFirstWeightedVersionIsTheDiscriminantOfThePooledClassMomentsWithThePriorThreshold() {
        GlobalModel v1 = statisticsOnly(1);
        // device d0 saw only normal rows, d1 mostly attacks: neither alone determines the discriminant
        ClassMoments d0 = moments(new double[][] {}, new double[][] {{0, 1}, {0.2, 0.8}, {-0.2, 1.2}});
        ClassMoments d1 = moments(new double[][] {{2, 1}, {2.4, 1.2}}, new double[][] {{0.1, 0.9}});
        RoundBuffer buffer = aggregator.empty();
        arrive(buffer, withMoments(update("d0", 1, 3, 5, 5, 5), d0), v1); // its local model is not what counts
        arrive(buffer, withMoments(update("d1", 1, 3, -5, -5, -5), d1), v1);
        GlobalModel v2 = aggregator.close(buffer, v1, history, 1).global();
        double[] expected = d0.merge(d1).discriminant();
        assertThat(v2.weights()).containsExactly(new double[] {expected[0], expected[1]}, within(1e-12));
        assertThat(v2.bias()).isCloseTo(expected[2], within(1e-12));
        assertThat(v2.weights()[0]).as("attacks have the larger first feature").isPositive();
        assertThat(v2.threshold()).isEqualTo(GlobalModel.PRIOR_THRESHOLD);
        assertThat(v2.stats()).as("the discriminant keeps the feature space its moments were taken in")
            .isEqualTo(v1.stats());
    }

    @Test
    void laterUpdatesOfTheSameStatisticsOnlyBaseRefineTheDiscriminantAsOneRoundOfAllWould() {
        ClassMoments a = moments(new double[][] {{2, 0}}, new double[][] {{0, 0}, {0.5, 1}});
        ClassMoments b = moments(new double[][] {{3, 1}, {2.5, 0.5}}, new double[][] {{-0.5, 0}});
        // one round of both updates
        ModelHistory together = ModelHistory.inMemory();
        RoundBuffer one = aggregator.empty();
        arrive(one, withMoments(update("a", 1, 3, 0, 0, 0), a), statisticsOnly(1));
        arrive(one, withMoments(update("b", 1, 3, 0, 0, 0), b), statisticsOnly(1));
        GlobalModel all = aggregator.close(one, statisticsOnly(1), together, 1).global();
        // the same updates in two rounds: the second is one version stale, so its correction is weighted (1+1)^-0.5
        Aggregator single = new Aggregator(FedAvgSettings.defaults().withRound(1, 1_000, 1).withBounds(2, 1e4, 1_000));
        RoundBuffer first = single.empty();
        single.arrive(first, withMoments(update("a", 1, 3, 0, 0, 0), a), statisticsOnly(1), 0, first);
        GlobalModel v2 = single.close(first, statisticsOnly(1), history, 1).global();
        RoundBuffer second = single.empty();
        single.arrive(second, withMoments(update("b", 1, 3, 0, 0, 0), b), v2, 0, second);
        GlobalModel v3 = single.close(second, v2, history, 2).global();
        double s = RoundCombiner.stalenessWeight(1);
        double[] onlyA = a.discriminant();
        for (int j = 0; j < 2; j++) {
            assertThat(v3.weights()[j]).isCloseTo(onlyA[j] + s * (all.weights()[j] - onlyA[j]), within(1e-12));
        }
        assertThat(v3.bias()).isCloseTo(onlyA[2] + s * (all.bias() - onlyA[2]), within(1e-12));
    }

    @Test
    void updatesFromDifferentStatisticsOnlyVersionsPoolIntoOneDiscriminantNotOnePerBase() {
        ClassMoments a = moments(new double[][] {{2, 0}}, new double[][] {{0, 0}, {0.5, 1}});
        ClassMoments b = moments(new double[][] {{3, 1}, {2.5, 0.5}}, new double[][] {{-0.5, 0}});
        ModelHistory h = ModelHistory.inMemory();
        h.put(new VersionRecord(1, new double[0], false, 0, null, null, 0, null, false, null));
        RoundBuffer buffer = aggregator.empty();
        arrive(buffer, withMoments(update("a", 1, 3, 0, 0, 0), a), statisticsOnly(2));
        arrive(buffer, withMoments(update("b", 2, 3, 0, 0, 0), b), statisticsOnly(2));
        GlobalModel v3 = aggregator.close(buffer, statisticsOnly(2), h, 1).global();
        double[] expected = a.merge(b).discriminant();
        assertThat(v3.weights()).containsExactly(new double[] {expected[0], expected[1]}, within(1e-12));
        assertThat(v3.bias()).isCloseTo(expected[2], within(1e-12));
        h.forgetBefore(3);
        assertThat(h.get(1)).isNull();
        assertThat(h.get(0).classMoments()).as("version 0 keeps the pooled moments").isEqualTo(a.merge(b));
    }

    @Test
    void theFirstTrainedVersionAfterADiscriminantTakesTheShareOfAttackRowsNotTheDiscriminantsCut() {
        ClassMoments m = moments(new double[][] {{2, 1}}, new double[][] {{0, 0}, {0.2, 0.4}});
        RoundBuffer first = aggregator.empty();
        arrive(first, withMoments(update("a", 1, 3, 0, 0, 0), m), statisticsOnly(1));
        arrive(first, withMoments(update("b", 1, 3, 0, 0, 0), m), statisticsOnly(1));
        GlobalModel v2 = aggregator.close(first, statisticsOnly(1), history, 1).global();
        assertThat(v2.threshold()).isEqualTo(GlobalModel.PRIOR_THRESHOLD);
        // v2's own margins on fresh rows: separated around 0, where the discriminant's cut would go
        Eval discriminantMargins = Updates.separable(50, -1.0, 1.0);
        RoundBuffer second = aggregator.empty();
        for (int i = 0; i < 2; i++) {
            // with class moments too: the discriminant's cut is not carried to a trained model either
            LocalModelUpdate u = withEvalAndFit(update("t" + i, 2, 10, 1, 1, 1), discriminantMargins,
                Eval.counts(3, 1, 30, 6)); // 9 attack rows of 40
            arrive(second, new LocalModelUpdate(u.updateId(), u.deviceId(), u.baseVersion(), u.ts(), u.nSamples(),
                u.featureNames(), u.weights(), u.bias(), u.stats(), u.loss(), u.eval(), u.histogram(), u.firstSeq(),
                u.lastSeq(), u.fit(), m), v2);
        }
        GlobalModel v3 = aggregator.close(second, v2, history, 2).global();
        assertThat(v3.evaluation().version()).isEqualTo(2);
        assertThat(v3.threshold()).isCloseTo(9.0 / 40, within(1e-12));
        // the trained version's own margins do carry over to the next trained one
        RoundBuffer third = aggregator.empty();
        for (int i = 0; i < 2; i++) {
            arrive(third, withEvalAndFit(update("u" + i, 3, 10, 1, 1, 1), Updates.separable(50, -4.0, -1.0),
                Eval.counts(3, 1, 30, 6)), v3);
        }
        GlobalModel v4 = aggregator.close(third, v3, history, 3).global();
        assertThat(v4.evaluation().version()).isEqualTo(3);
        double margin = Math.log(v4.threshold() / (1 - v4.threshold()));
        assertThat(margin).isGreaterThan(-4.0).isLessThanOrEqualTo(-1.0);
    }

    private static LocalModelUpdate withEvalAndFit(LocalModelUpdate u, Eval eval, Eval fit) {
        return new LocalModelUpdate(u.updateId(), u.deviceId(), u.baseVersion(), u.ts(), u.nSamples(), u.featureNames(),
            u.weights(), u.bias(), u.stats(), u.loss(), eval, u.histogram(), 1L, 50L, fit);
    }

    @Test
    void withoutClassMomentsOrWithOneClassOnlyTheFirstWeightedVersionAveragesTheLocalModels() {
        ClassMoments normalOnly = moments(new double[][] {}, new double[][] {{0, 1}});
        RoundBuffer missing = aggregator.empty();
        arrive(missing, withMoments(update("d0", 1, 10, 1, 2, 3), normalOnly), statisticsOnly(1));
        arrive(missing, update("d1", 1, 10, 3, 4, 5), statisticsOnly(1));
        GlobalModel averaged = aggregator.close(missing, statisticsOnly(1), history, 1).global();
        assertThat(averaged.weights()).containsExactly(2.0, 3.0);
        assertThat(averaged.bias()).isEqualTo(4.0);

        RoundBuffer oneClass = aggregator.empty();
        arrive(oneClass, withMoments(update("e0", 1, 10, 1, 2, 3), normalOnly), statisticsOnly(1));
        arrive(oneClass, withMoments(update("e1", 1, 10, 3, 4, 5), normalOnly), statisticsOnly(1));
        GlobalModel alsoAveraged = aggregator.close(oneClass, statisticsOnly(1), ModelHistory.inMemory(), 1).global();
        assertThat(alsoAveraged.weights()).containsExactly(2.0, 3.0);
    }

    private static GlobalModel statisticsOnly(long version) {
        return new GlobalModel(version, version, 0, "fedavg", 2, 0, NAMES, new double[0], 0.0,
            FeatureStats.of(new double[][] {{0, 0}, {2, 2}}, 2), GlobalModel.PRIOR_THRESHOLD, null, null, null);
    }

    private static ClassMoments moments(double[][] attacks, double[][] normal) {
        ClassMoments m = ClassMoments.empty(2);
        for (double[] row : attacks) {
            m.add(row, 0, true);
        }
        for (double[] row : normal) {
            m.add(row, 0, false);
        }
        return m;
    }

    private static LocalModelUpdate withMoments(LocalModelUpdate u, ClassMoments moments) {
        return new LocalModelUpdate(u.updateId(), u.deviceId(), u.baseVersion(), u.ts(), u.nSamples(), u.featureNames(),
            u.weights(), u.bias(), u.stats(), u.loss(), u.eval(), u.histogram(), null, null, null, moments);
    }

    private static LocalModelUpdate withFit(LocalModelUpdate u, Eval fit) {
        return new LocalModelUpdate(u.updateId(), u.deviceId(), u.baseVersion(), u.ts(), u.nSamples(), u.featureNames(),
            u.weights(), u.bias(), u.stats(), u.loss(), Eval.EMPTY, u.histogram(), 1L, 50L, fit);
    }

}
