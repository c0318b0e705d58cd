package io.flead.fedavg.core;

import static io.flead.fedavg.core.Updates.global;
import static io.flead.fedavg.core.Updates.update;
import static io.flead.fedavg.core.Updates.withEval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flead.model.ClassMoments;
import io.flead.model.Eval;
import io.flead.model.EvalCounter;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import io.flead.model.Rejection;
import io.flead.model.SettingsException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each defence of {@link Defences}, and the same round without it, which the attack wins. */
class DefencesTest {
    private static final FedAvgSettings PLAIN = FedAvgSettings.defaults().withBounds(5, 1e9, 100);

    private static GlobalModel round(FedAvgSettings settings, GlobalModel previous, List<LocalModelUpdate> updates) {
        Aggregator aggregator = new Aggregator(settings.withRound(updates.size(), 1_000, 1));
        RoundBuffer buffer = aggregator.empty();
        updates.forEach(u -> aggregator.add(buffer, u, 0));
        return aggregator.close(buffer, previous, 1).global();
    }

    private static List<LocalModelUpdate> honest(int count) {
        List<LocalModelUpdate> updates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            updates.add(update("h" + i, 1, 100, 1.0 + 0.05 * i, -1.0 - 0.05 * i, 0.1));
        }
        return updates;
    }

    private static LocalModelUpdate withStats(LocalModelUpdate u, FeatureStats stats) {
        return new LocalModelUpdate(u.updateId(), u.deviceId(), u.baseVersion(), u.ts(), u.nSamples(),
            u.featureNames(), u.weights(), u.bias(), stats, u.loss(), u.eval(), u.histogram());
    }

    private static LocalModelUpdate claiming(LocalModelUpdate u, long n) {
        return new LocalModelUpdate(u.updateId(), u.deviceId(), u.baseVersion(), u.ts(), n, u.featureNames(),
            u.weights(), u.bias(), u.stats(), u.loss(), u.eval(), u.histogram());
    }

    @Test
    void theWeightCapKeepsOneInflatedClaimFromOutweighingTheRoundAndReportsIt() {
        List<LocalModelUpdate> updates = honest(4);
        updates.add(claiming(update("liar", 1, 1, -1.0, 1.0, 0.1), 1_000_000));
        GlobalModel plain = round(PLAIN, global(1, 0, 0, 0), updates);
        assertThat(plain.weights()[0]).isLessThan(-0.9);
        GlobalModel capped = round(PLAIN.withDefences(Defences.off().withWeightCap(2.0, 0)), global(1, 0, 0, 0), updates);
        // the liar counts as 2 x the median claim of 100: (4 x 100 x ~1.075 - 200) / 600
        assertThat(capped.weights()[0]).isBetween(0.3, 0.5);
        assertThat(capped.rejectedCounts()).containsEntry(RoundCombiner.N_SAMPLES_CAPPED, 1L);
        assertThat(capped.rejected()).extracting(Rejection::reason)
            .anySatisfy(r -> assertThat(r).startsWith("n_samples_capped: n_samples 1000000 counted as 200"));
        assertThat(capped.participants()).isEqualTo(5);
    }

    @Test
    void theRowCapBoundsAClaimByTheWindowEvenWhenTheMedianIsInflatedToo() {
        List<LocalModelUpdate> updates = new ArrayList<>();
        for (LocalModelUpdate u : honest(2)) {
            updates.add(u);
        }
        for (int i = 0; i < 3; i++) {
            updates.add(claiming(update("liar" + i, 1, 1, -1.0, 1.0, 0.1), 1_000_000));
        }
        GlobalModel multipleOnly = round(PLAIN.withDefences(Defences.off().withWeightCap(2.0, 0)), global(1, 0, 0, 0),
            updates);
        assertThat(multipleOnly.weights()[0]).isLessThan(-0.9);
        GlobalModel rows = round(PLAIN.withDefences(Defences.off().withWeightCap(2.0, 10)), global(1, 0, 0, 0), updates);
        // honest 100 counts as 10 too; three liars at 10 against two honest at 10: still a liar majority, but no more
        assertThat(rows.weights()[0]).isBetween(-0.3, -0.1);
    }

    @Test
    void trimmedPoolingKeepsHugeStatisticsOutOfTheStandardisation() {
        List<LocalModelUpdate> updates = honest(5);
        updates.add(withStats(update("poison", 1, 100, 1.0, -1.0, 0.1),
            new FeatureStats(new long[] {100, 100}, new double[] {1e6, 1e6}, new double[] {1e18, 1e18})));
        GlobalModel plain = round(PLAIN, global(1, 0, 0, 0), updates);
        assertThat(plain.stats().mean(0)).isGreaterThan(1e4);
        for (Strategy pool : List.of(Strategy.TRIMMED_MEAN, Strategy.MEDIAN)) {
            GlobalModel robust = round(PLAIN.withDefences(Defences.off().withPool(pool)), global(1, 0, 0, 0), updates);
            assertThat(robust.stats().mean(0)).isBetween(0.0, 3.0);
            assertThat(robust.stats().std(0)).isLessThan(3.0);
            // trimmed-mean leaves the poisoned window's 100 rows out of the merge; the median counts every row
            assertThat(robust.stats().count(0)).isEqualTo(plain.stats().count(0) - (pool == Strategy.MEDIAN ? 0 : 100));
        }
    }

    @Test
    void robustPoolingKeepsTheSpreadBetweenHonestDevices() {
        List<FeatureStats> parts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            parts.add(FeatureStats.of(new double[][] {{i - 1.0}, {i + 1.0}}, 1));
        }
        FeatureStats exact = RobustPooling.stats(parts, Strategy.FEDAVG, 0.2);
        FeatureStats trimmed = RobustPooling.stats(parts, Strategy.TRIMMED_MEAN, 0.2);
        // a clean round: no device outside the widened trimmed range, so the exact merge
        assertThat(trimmed.mean(0)).isCloseTo(exact.mean(0), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(trimmed.variance(0)).isCloseTo(exact.variance(0), org.assertj.core.api.Assertions.within(1e-9));
        // the median keeps the between-device spread too, not only the within-device 1
        FeatureStats median = RobustPooling.stats(parts, Strategy.MEDIAN, 0.2);
        assertThat(median.variance(0)).isGreaterThan(0.6 * exact.variance(0));
    }

    @Test
    void trimmedPoolingKeepsPoisonedClassMomentsOutOfTheDiscriminantInputs() {
        List<ClassMoments> parts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ClassMoments m = ClassMoments.empty(2);
            m.add(new double[] {2 + 0.1 * i, 2}, 0, true);
            m.add(new double[] {3 + 0.1 * i, 3}, 0, true);
            m.add(new double[] {0, 0.1 * i}, 0, false);
            m.add(new double[] {1, 0.1 * i}, 0, false);
            parts.add(m);
        }
        parts.add(new ClassMoments(
            new FeatureStats(new long[] {1000, 1000}, new double[] {-1e6, -1e6}, new double[] {1e15, 1e15}),
            new FeatureStats(new long[] {2, 2}, new double[] {0, 0}, new double[] {0, 0})));
        ClassMoments exact = RobustPooling.classMoments(parts, Strategy.FEDAVG, 0.2);
        assertThat(exact.positive().mean(0)).isLessThan(-1e5);
        ClassMoments trimmed = RobustPooling.classMoments(parts, Strategy.TRIMMED_MEAN, 0.2);
        assertThat(trimmed.positive().mean(0)).isBetween(2.0, 3.0);
        assertThat(trimmed.discriminant()[0]).isPositive();
    }

    @Test
    void theTrimIsCountedOnTheWholeRoundSoAClassFewHonestDevicesReportStaysClean() {
        List<ClassMoments> parts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ClassMoments m = ClassMoments.empty(1);
            if (i < 4) {
                m.add(new double[] {2 + 0.1 * i}, 0, true); // only four honest windows hold attacks
            }
            m.add(new double[] {0}, 0, false);
            parts.add(m);
        }
        for (int i = 0; i < 2; i++) {
            parts.add(new ClassMoments(new FeatureStats(new long[] {1}, new double[] {1e6}, new double[] {0}),
                new FeatureStats(new long[] {1}, new double[] {0}, new double[] {0})));
        }
        // 12 devices: 2 trimmed at each end of the 6 that report attacks; a trim counted on the 6 (1) keeps a poisoner
        assertThat(RobustPooling.classMoments(parts, Strategy.TRIMMED_MEAN, 0.2).positive().mean(0)).isBetween(2.0, 2.4);
    }

    @Test
    void trimmedPoolingKeepsAPoisonedEvaluationHistogramFromDraggingTheThreshold() {
        List<LocalModelUpdate> updates = new ArrayList<>();
        for (LocalModelUpdate u : honest(5)) {
            updates.add(withEval(u, Updates.separable(50, -2, 2)));
        }
        EvalCounter fake = new EvalCounter(0.5);
        for (int i = 0; i < 100_000; i++) {
            fake.add(-4, 1); // "attacks" scored very low: the F1-best cut drops below them and flags everything
        }
        updates.add(withEval(update("poison", 1, 100, 1.0, -1.0, 0.1), fake.toEval()));
        GlobalModel plain = round(PLAIN, global(1, 0, 0, 0), updates);
        assertThat(plain.threshold()).isLessThan(0.05);
        GlobalModel robust = round(PLAIN.withDefences(Defences.off().withPool(Strategy.TRIMMED_MEAN)), global(1, 0, 0, 0),
            updates);
        assertThat(robust.threshold()).isBetween(0.1, 0.9);
    }

    @Test
    void pooledCountsCutOnlyTheTop() {
        Eval a = Eval.counts(10, 0, 10, 0);
        Eval huge = Eval.counts(1_000_000, 0, 10, 0);
        List<Eval> parts = List.of(a, a, a, a, huge);
        assertThat(RobustPooling.evals(parts, Strategy.FEDAVG, 0.2).tp()).isEqualTo(1_000_040);
        assertThat(RobustPooling.evals(parts, Strategy.TRIMMED_MEAN, 0.2).tp()).isEqualTo(50);
        assertThat(RobustPooling.evals(parts, Strategy.TRIMMED_MEAN, 0.2).tn()).isEqualTo(50);
        assertThat(RobustPooling.evals(parts, Strategy.MEDIAN, 0.2).tp()).isEqualTo(50);
    }

    @Test
    void krumLeavesOutFlippedUpdatesAndSybilsAndReportsThem() {
        List<LocalModelUpdate> updates = honest(5);
        updates.add(update("flip", 1, 100, -20, 20, -2));
        updates.add(update("sybil-a", 1, 100, -5, 5, 0));
        updates.add(update("sybil-b", 1, 100, -5.001, 5, 0));
        GlobalModel plain = round(PLAIN, global(1, 0, 0, 0), updates);
        assertThat(plain.weights()[0]).isNegative();
        GlobalModel krum = round(PLAIN.withStrategy(Strategy.KRUM, 0.2, 0)
            .withDefences(Defences.off().withKrum(3, 0)), global(1, 0, 0, 0), updates);
        assertThat(krum.weights()[0]).isBetween(1.0, 1.2);
        assertThat(krum.rejectedCounts()).containsEntry(RoundCombiner.KRUM_EXCLUDED, 3L);
        assertThat(krum.rejected()).extracting(Rejection::updateId)
            .containsExactlyInAnyOrder("flip-1-100--20.0", "sybil-a-1-100--5.0", "sybil-b-1-100--5.001");
        assertThat(krum.strategy()).isEqualTo("krum");
        GlobalModel single = round(PLAIN.withStrategy(Strategy.KRUM, 0.2, 0)
            .withDefences(Defences.off().withKrum(3, 1)), global(1, 0, 0, 0), updates);
        assertThat(single.weights()[0]).isBetween(1.0, 1.2);
        assertThat(single.rejectedCounts()).containsEntry(RoundCombiner.KRUM_EXCLUDED, 7L);
    }

    @Test
    void badDefenceSettingsNameTheirKey() {
        assertThatThrownBy(() -> Defences.off().withWeightCap(0.5, 0)).isInstanceOf(SettingsException.class)
            .hasMessageContaining(Defences.WEIGHT_CAP_MULTIPLE).hasMessageContaining("0.5");
        assertThatThrownBy(() -> Defences.off().withWeightCap(0, -1)).hasMessageContaining(Defences.WEIGHT_CAP_ROWS);
        assertThatThrownBy(() -> Defences.off().withPool(Strategy.KRUM)).hasMessageContaining(Defences.POOL_STRATEGY);
        assertThatThrownBy(() -> Defences.off().withKrum(-1, 0)).hasMessageContaining(Defences.KRUM_BYZANTINE);
        assertThatThrownBy(() -> Strategy.parse("strategy", "bulyan")).hasMessageContaining("krum");
    }
}
