package io.flead.fedavg.core;

import static io.flead.fedavg.core.Updates.NAMES;
import static io.flead.fedavg.core.Updates.global;
import static io.flead.fedavg.core.Updates.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.LogisticRegression;
import io.flead.model.Rejection;
import io.flead.model.SettingsException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AggregatorTest {
    final Aggregator fedavg = new Aggregator(FedAvgSettings.defaults().withRound(3, 1_000, 2));

    static Map<String, String> reasons(GlobalModel g) {
        return g.rejected().stream().collect(Collectors.toMap(Rejection::updateId, Rejection::reason));
    }

    @Test
    void fedAvgWeighsDeltasBySamplesAndStaleness() {
        GlobalModel previous = global(4, 1, 1, 0);
        RoundBuffer buffer = fedavg.empty();
        fedavg.add(buffer, update("d1", 4, 30, 2, 1, 0), 0);   // delta (1, 0, 0), weight 30
        fedavg.add(buffer, update("d2", 4, 10, 1, 3, 1), 0);   // delta (0, 2, 1), weight 10
        fedavg.add(buffer, update("d3", 1, 40, 5, 5, 5), 0);   // stale by 3, its base unknown: delta from version 4
        GlobalModel next = fedavg.close(buffer, previous, 99).global();
        // each base version's updates move the model by their sample-weighted mean change, times (1+tau)^-0.5
        assertThat(next.weights()[0]).isCloseTo(1 + 30.0 / 40 + 0.5 * 4, within(1e-12));
        assertThat(next.weights()[1]).isCloseTo(1 + 20.0 / 40 + 0.5 * 4, within(1e-12));
        assertThat(next.bias()).isCloseTo(10.0 / 40 + 0.5 * 5, within(1e-12));
        assertThat(next.version()).isEqualTo(5);
        assertThat(next.round()).isEqualTo(5);
        assertThat(next.ts()).isEqualTo(99);
        assertThat(next.participants()).isEqualTo(3);
        assertThat(next.nSamples()).isEqualTo(80);
        assertThat(next.strategy()).isEqualTo("fedavg");
        assertThat(RoundCombiner.stalenessWeight(3)).isEqualTo(0.5);
    }

    @Test
    void aRoundOfOnlyStaleUpdatesBlendsIntoTheModelInsteadOfReplacingIt() {
        // two rounds closed on the same base (version 4): the second one's updates are stale by 1 against version 5
        GlobalModel v5 = global(5, 2, 2, 0);
        RoundBuffer buffer = fedavg.empty();
        fedavg.add(buffer, update("d1", 4, 10, 4, 4, 0), 0);
        fedavg.add(buffer, update("d2", 4, 10, 6, 6, 2), 0);
        GlobalModel v6 = fedavg.close(buffer, v5, 99).global();
        double s = RoundCombiner.stalenessWeight(1);
        // the local models average (5, 5, 1); the step towards it from (2, 2, 0) is scaled by s = 1/sqrt(2)
        assertThat(v6.weights()[0]).isCloseTo(2 + s * 3, within(1e-12));
        assertThat(v6.weights()[1]).isCloseTo(2 + s * 3, within(1e-12));
        assertThat(v6.bias()).isCloseTo(s * 1, within(1e-12));
    }

    @Test
    void closesAfterKDevicesOrAtTheDeadlineWithEnoughParticipants() {
        RoundBuffer buffer = fedavg.empty();
        fedavg.add(buffer, update("d1", 0, 5, 1, 1, 0), 1_000);
        assertThat(fedavg.shouldClose(buffer, 10_000)).as("deadline passed but one device < minimum 2").isFalse();
        fedavg.add(buffer, update("d2", 0, 5, 1, 1, 0), 1_500);
        assertThat(fedavg.shouldClose(buffer, 1_999)).isFalse();
        assertThat(fedavg.shouldClose(buffer, 2_000)).as("deadline 1 s after the first update").isTrue();
        fedavg.add(buffer, update("d3", 0, 5, 1, 1, 0), 1_600);
        assertThat(fedavg.shouldClose(buffer, 1_600)).as("K = 3 devices").isTrue();
    }

    @Test
    void latestUpdatePerDeviceWinsAndTheOtherIsReported() {
        GlobalModel previous = global(2, 0, 0, 0);
        RoundBuffer buffer = fedavg.empty();
        LocalModelUpdate old = update("d1", 1, 10, 9, 9, 9);
        LocalModelUpdate fresh = update("d1", 2, 10, 1, 1, 1);
        fedavg.add(buffer, fresh, 0);
        fedavg.add(buffer, old, 1);
        assertThat(buffer.participants()).isEqualTo(1);
        GlobalModel next = fedavg.close(buffer, previous, 5).global();
        assertThat(next.weights()).containsExactly(1.0, 1.0);
        assertThat(reasons(next).get(old.updateId())).startsWith("superseded");
    }

    @Test
    void everyPoisonedUpdateIsRejectedWithItsReasonAndTheRoundStillCompletes() {
        Aggregator aggregator = new Aggregator(FedAvgSettings.defaults().withRound(20, 1_000, 1).withBounds(2, 100, 1000));
        GlobalModel previous = global(10, 0, 0, 0);
        RoundBuffer buffer = aggregator.empty();
        LocalModelUpdate good = update("good", 10, 10, 1, 2, 0);
        LocalModelUpdate nan = update("nan", 10, 10, Double.NaN, 0, 0);
        LocalModelUpdate inf = update("inf", 10, 10, 0, 0, Double.POSITIVE_INFINITY);
        LocalModelUpdate wide = new LocalModelUpdate("wide", "wide", 10, 0, 5, List.of("a", "b", "c"),
            new double[] {1, 2, 3}, 0, new FeatureStats(3), 0.1, Eval.EMPTY, null);
        LocalModelUpdate shortWeights = update("short", 10, 10, 0, 0, 0).withParameters(new double[] {1}, 0);
        LocalModelUpdate unknown = new LocalModelUpdate("unknown", "unknown", 10, 0, 5, List.of("a", "zz"),
            new double[] {1, 2}, 0, new FeatureStats(2), 0.1, Eval.EMPTY, null);
        LocalModelUpdate stale = update("stale", 7, 10, 1, 1, 1);
        LocalModelUpdate future = update("future", 11, 10, 1, 1, 1);
        LocalModelUpdate huge = update("huge", 10, 10, 1e3, 0, 0);
        LocalModelUpdate duplicate = update("other-device", 10, 10, 5, 5, 5).withUpdateId(good.updateId());
        for (LocalModelUpdate u : List.of(good, nan, inf, wide, shortWeights, unknown, stale, future, huge, duplicate)) {
            aggregator.add(buffer, u, 0);
        }
        GlobalModel next = aggregator.close(buffer, previous, 1).global();
        Map<String, String> reasons = reasons(next);
        assertThat(reasons.get(nan.updateId())).startsWith("non_finite: weights[0] = NaN");
        assertThat(reasons.get(inf.updateId())).startsWith("non_finite: bias = Infinity");
        assertThat(reasons.get("wide")).startsWith("wrong_dimension");
        assertThat(reasons.get(shortWeights.updateId())).startsWith("wrong_dimension: 1 weights");
        assertThat(reasons.get("unknown")).isEqualTo("unknown_feature_names: [zz]");
        assertThat(reasons.get(stale.updateId())).startsWith("stale: base_version 7 is 3 versions behind 10");
        assertThat(reasons.get(future.updateId())).startsWith("future_base_version");
        assertThat(reasons.get(huge.updateId())).startsWith("norm_above_bound");
        assertThat(next.rejected()).filteredOn(r -> r.updateId().equals(good.updateId()))
            .extracting(Rejection::reason).containsExactly("duplicate_update_id: already received");
        assertThat(next.rejected()).hasSize(9);
        assertThat(next.participants()).isEqualTo(1);
        assertThat(next.weights()).containsExactly(1.0, 2.0);
        assertThat(next.version()).isEqualTo(11);
    }

    @Test
    void seenIdsAreBoundedAndRememberedAcrossRounds() {
        Aggregator aggregator = new Aggregator(FedAvgSettings.defaults().withRound(2, 1_000, 1).withBounds(5, 1e4, 3));
        RoundBuffer buffer = aggregator.empty();
        for (int i = 0; i < 5; i++) {
            aggregator.add(buffer, update("d" + i, 0, 1, i, 0, 0), 0);
        }
        assertThat(buffer.seenIdCount()).isEqualTo(3);
        RoundBuffer next = aggregator.close(buffer, global(0, 0, 0, 0), 1).next();
        aggregator.add(next, update("d4", 0, 1, 4, 0, 0), 2);
        aggregator.add(next, update("d0", 0, 1, 0, 0, 0), 2);
        assertThat(next.rejected()).extracting(Rejection::reason).containsExactly("duplicate_update_id: already received");
        assertThat(next.participants()).as("d0's id was evicted from the bounded set").isEqualTo(1);
    }

    @Test
    void statisticsArePooledExactlyAndEvaluationsAreSummed() {
        GlobalModel previous = global(3, 0, 0, 0);
        RoundBuffer buffer = fedavg.empty();
        LocalModelUpdate u1 = Updates.withEval(update("d1", 3, 10, 1, 0, 0), Eval.counts(5, 1, 10, 2));
        LocalModelUpdate u2 = Updates.withEval(update("d2", 3, 10, 3, 0, 0), Eval.counts(3, 3, 20, 0));
        fedavg.add(buffer, u1, 0);
        fedavg.add(buffer, u2, 0);
        GlobalModel next = fedavg.close(buffer, previous, 1).global();
        FeatureStats expected = previous.stats().merge(u1.stats()).merge(u2.stats());
        for (int j = 0; j < 2; j++) {
            assertThat(next.stats().count(j)).isEqualTo(expected.count(j));
            assertThat(next.stats().mean(j)).isCloseTo(expected.mean(j), within(1e-12));
            assertThat(next.stats().m2(j)).isCloseTo(expected.m2(j), within(1e-9));
        }
        assertThat(next.eval().tp()).isEqualTo(8);
        assertThat(next.eval().fp()).isEqualTo(4);
        assertThat(next.eval().tn()).isEqualTo(30);
        assertThat(next.eval().fn()).isEqualTo(2);
        assertThat(next.eval().precision()).isCloseTo(8.0 / 12, within(1e-12));
        assertThat(next.eval().f1()).isCloseTo(16.0 / 22, within(1e-12));
    }

    @Test
    void thresholdIsChosenFromTheRoundsEvaluation() {
        GlobalModel previous = global(3, 0, 0, 0);
        RoundBuffer buffer = fedavg.empty();
        fedavg.add(buffer, Updates.withEval(update("d1", 3, 10, 1, 0, 0), Updates.separable(50, -7.0, -3.0)), 0);
        fedavg.add(buffer, Updates.withEval(update("d2", 3, 10, 1, 0, 0), Updates.separable(50, -6.5, -2.5)), 0);
        GlobalModel next = fedavg.close(buffer, previous, 1).global();
        double margin = Math.log(next.threshold() / (1 - next.threshold()));
        assertThat(margin).as("between the negatives' and the positives' margins").isBetween(-6.5, -3.0);
        assertThat(next.threshold()).isLessThan(LogisticRegression.sigmoid(-3.0));
    }

    /**
     * A model that rescales and shifts the evaluated one's margins (margin' = 2 margin + 1) keeps the cut at the same
     * place between the class means: the threshold's margin is rescaled and shifted alike.
     */
    @Test
    void theThresholdIsCarriedToTheNewModelBetweenTheClassMeans() {
        double[] evaluated = {1.0, -0.5, -2.0};
        double[] rescaled = {2.0, -1.0, -3.0};
        List<LocalModelUpdate> round = List.of(
            Updates.withMoments(update("d1", 3, 10, 1, 0, 0), new double[][] {{3, 0}, {4, 1}}, new double[][] {{0, 1}}),
            Updates.withMoments(update("d2", 3, 10, 1, 0, 0), new double[][] {{5, 0}}, new double[][] {{1, 2}, {0, 0}}));
        double t = -0.75;
        double carried = Aggregator.carried(LogisticRegression.sigmoid(t), evaluated, rescaled, round).orElseThrow();
        assertThat(Math.log(carried / (1 - carried))).isCloseTo(2 * t + 1, within(1e-9));

        assertThat(Aggregator.carried(0.3, evaluated, rescaled, List.of(update("d3", 3, 10, 1, 0, 0))))
            .as("no class moments in the round").isEmpty();
        assertThat(Aggregator.carried(0.3, evaluated, new double[] {0, 0, 1}, round))
            .as("the new model does not separate the class means").isEmpty();
    }

    /** Through a round: the threshold tuned on the evaluated version follows the new version's margins. */
    @Test
    void aClosedRoundPlacesItsThresholdWhereTheEvaluatedVersionsCutFallsUnderTheNewModel() {
        GlobalModel previous = global(3, 1, 0, 0);
        ModelHistory history = ModelHistory.inMemory();
        history.put(VersionRecord.published(3, new double[] {1, 0, 0}, true));
        RoundBuffer withoutMoments = fedavg.empty();
        RoundBuffer withMoments = fedavg.empty();
        for (String device : List.of("d1", "d2")) {
            LocalModelUpdate u = Updates.withEval(update(device, 3, 10, 4, 0, 2), Updates.separable(50, -1.0, 3.0));
            fedavg.add(withoutMoments, u, 0);
            fedavg.add(withMoments, Updates.withMoments(u, new double[][] {{3, 0}, {2, 1}}, new double[][] {{-1, 0}}), 0);
        }
        ModelHistory copy = ModelHistory.inMemory();
        copy.put(VersionRecord.published(3, new double[] {1, 0, 0}, true));
        GlobalModel plain = fedavg.close(withoutMoments, previous, history, 1).global();
        GlobalModel moved = fedavg.close(withMoments, previous, copy, 1).global();
        assertThat(plain.weights()).containsExactly(moved.weights());
        double cut = Math.log(plain.threshold() / (1 - plain.threshold()));
        double movedCut = Math.log(moved.threshold() / (1 - moved.threshold()));
        // the new model is margin' = 4 margin + 2 on these rows, so the evaluated version's cut moves alike
        assertThat(movedCut).isCloseTo(4 * cut + 2, within(1e-9));
    }

    @Test
    void aRoundOfStatisticsOnlyUpdatesGivesStatisticsButNoWeights() {
        GlobalModel initial = GlobalModel.initial(NAMES, 0);
        RoundBuffer buffer = fedavg.empty();
        fedavg.add(buffer, update("d1", 0, 0, 0, 0, 0), 0);
        fedavg.add(buffer, update("d2", 0, 0, 0, 0, 0), 0);
        GlobalModel first = fedavg.close(buffer, initial, 1).global();
        assertThat(first.hasWeights()).isFalse();
        assertThat(first.stats().count(0)).isEqualTo(4);
        assertThat(first.threshold()).isEqualTo(GlobalModel.PRIOR_THRESHOLD);
    }

    @Test
    void settingsNameTheBadKey() {
        assertThatThrownBy(() -> FedAvgSettings.defaults().withStrategy(Strategy.TRIMMED_MEAN, 0.5, 0))
            .isInstanceOf(SettingsException.class).hasMessageContaining("'trim.beta'").hasMessageContaining("'0.5'");
        assertThatThrownBy(() -> FedAvgSettings.defaults().withDp(1.0, 1))
            .hasMessageContaining("'dp.noise.multiplier'").hasMessageContaining("clip.norm");
        assertThatThrownBy(() -> Strategy.parse("strategy", "bulyan")).hasMessageContaining("'bulyan'");
        assertThat(Strategy.parse("strategy", "krum")).isEqualTo(Strategy.KRUM);
        assertThat(Strategy.parse("strategy", "Trimmed-Mean")).isEqualTo(Strategy.TRIMMED_MEAN);
    }
}
