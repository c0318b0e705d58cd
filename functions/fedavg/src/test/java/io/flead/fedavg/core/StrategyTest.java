package io.flead.fedavg.core;

import static io.flead.fedavg.core.Updates.global;
import static io.flead.fedavg.core.Updates.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StrategyTest {

    private static GlobalModel round(FedAvgSettings settings, GlobalModel previous, List<LocalModelUpdate> updates) {
        Aggregator aggregator = new Aggregator(settings.withRound(updates.size(), 1_000, 1));
        RoundBuffer buffer = aggregator.empty();
        updates.forEach(u -> aggregator.add(buffer, u, 0));
        return aggregator.close(buffer, previous, 1).global();
    }

    private static List<LocalModelUpdate> honestPlusOneAttacker() {
        List<LocalModelUpdate> updates = new ArrayList<>();
        double[] w0 = {0.9, 1.0, 1.1, 1.2, 0.8};
        for (int i = 0; i < w0.length; i++) {
            updates.add(update("h" + i, 1, 10, w0[i], -w0[i], 0.1 * i));
        }
        updates.add(update("attacker", 1, 10, 1000, 1000, -1000));
        return updates;
    }

    @Test
    void trimmedMeanDropsTheExtremesPerCoordinate() {
        FedAvgSettings s = FedAvgSettings.defaults().withBounds(5, 1e9, 100).withStrategy(Strategy.TRIMMED_MEAN, 0.2, 0);
        GlobalModel next = round(s, global(1, 0, 0, 0), honestPlusOneAttacker());
        // 6 values per coordinate, trim 1 at each end: mean of the middle 4.
        assertThat(next.weights()[0]).isCloseTo((0.9 + 1.0 + 1.1 + 1.2) / 4, within(1e-12));
        assertThat(next.weights()[1]).isCloseTo(-(0.9 + 1.0 + 1.1 + 0.8) / 4, within(1e-12));
        assertThat(next.bias()).isCloseTo((0.0 + 0.1 + 0.2 + 0.3) / 4, within(1e-12));
        assertThat(next.strategy()).isEqualTo("trimmed-mean");
    }

    @Test
    void medianIgnoresTheAttacker() {
        FedAvgSettings s = FedAvgSettings.defaults().withBounds(5, 1e9, 100).withStrategy(Strategy.MEDIAN, 0.2, 0);
        GlobalModel next = round(s, global(1, 0, 0, 0), honestPlusOneAttacker());
        assertThat(next.weights()[0]).isCloseTo((1.0 + 1.1) / 2, within(1e-12));
        assertThat(next.weights()[1]).isCloseTo(-(0.9 + 1.0) / 2, within(1e-12));
    }

    @Test
    void plainFedAvgIsDraggedByTheAttackerAndClippingBoundsIt() {
        FedAvgSettings plain = FedAvgSettings.defaults().withBounds(5, 1e9, 100);
        GlobalModel dragged = round(plain, global(1, 0, 0, 0), honestPlusOneAttacker());
        assertThat(dragged.weights()[0]).isGreaterThan(100);
        GlobalModel clipped = round(plain.withStrategy(Strategy.FEDAVG, 0.2, 2.0), global(1, 0, 0, 0),
            honestPlusOneAttacker());
        assertThat(norm(clipped.weights(), clipped.bias())).isLessThanOrEqualTo(2.0 + 1e-9);
        assertThat(clipped.strategy()).isEqualTo("fedavg+clip");
    }

    @Test
    void adaptiveClippingBoundsTheAttackerByTheMedianHonestNorm() {
        FedAvgSettings s = FedAvgSettings.defaults().withBounds(5, 1e9, 100).withAdaptiveClip(true);
        GlobalModel next = round(s, global(1, 0, 0, 0), honestPlusOneAttacker());
        // Honest delta norms are about sqrt(2) * w0; the attacker is scaled down to the median of all six norms.
        double median = 0.5 * (Math.sqrt(1.0 * 1.0 * 2 + 0.01) + Math.sqrt(1.1 * 1.1 * 2 + 0.04));
        assertThat(norm(next.weights(), next.bias())).isLessThan(median * 1.01);
        assertThat(next.weights()[0]).isPositive().isLessThan(1.2);
        assertThat(next.strategy()).isEqualTo("fedavg+clip");
        assertThat(DeltaAggregation.medianNorm(new double[][] {{3, 4}, {0, 1}, {0, 2}})).isEqualTo(2.0);
    }

    @Test
    void aLargerAdaptiveFactorLeavesHonestUpdatesWholeAndStillBoundsTheAttacker() {
        FedAvgSettings s = FedAvgSettings.defaults().withBounds(5, 1e9, 100).withAdaptiveClip(true, 2.0);
        List<LocalModelUpdate> honest = honestPlusOneAttacker().subList(0, 5);
        GlobalModel plain = round(FedAvgSettings.defaults().withBounds(5, 1e9, 100), global(1, 0, 0, 0), honest);
        GlobalModel clipped = round(s, global(1, 0, 0, 0), honest);
        assertThat(clipped.weights()).containsExactly(plain.weights());
        GlobalModel attacked = round(s, global(1, 0, 0, 0), honestPlusOneAttacker());
        double median = 0.5 * (Math.sqrt(1.0 * 1.0 * 2 + 0.01) + Math.sqrt(1.1 * 1.1 * 2 + 0.04));
        assertThat(norm(attacked.weights(), attacked.bias())).isLessThan(2 * median);
        assertThatThrownBy(() -> s.withAdaptiveClip(true, 0.5))
            .hasMessageContaining("'" + FedAvgSettings.CLIP_ADAPTIVE_FACTOR + "'").hasMessageContaining("0.5");
    }

    @Test
    void clippingScalesOnlyTheDeltasAboveTheNorm() {
        double[][] deltas = {{3, 4}, {0.3, 0.4}};
        DeltaAggregation.clip(deltas, 1.0);
        assertThat(deltas[0][0]).isCloseTo(0.6, within(1e-12));
        assertThat(deltas[0][1]).isCloseTo(0.8, within(1e-12));
        assertThat(deltas[1]).containsExactly(0.3, 0.4);
        double[][] again = {{30, 40}, {0.3, 0.4}};
        double[] weights = {10, 10};
        DeltaAggregation.clip(again, 1.0, weights);
        assertThat(weights[0]).as("a delta 50x the norm counts 1/50").isCloseTo(0.2, within(1e-12));
        assertThat(weights[1]).isEqualTo(10.0);
    }

    @Test
    void centralDpNoiseIsSeededAndHasSigmaZTimesCOverM() {
        int d = 4_000;
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("f" + j);
        }
        GlobalModel previous = new GlobalModel(1, 1, 0, "fedavg", 1, 1, names, new double[d], 0, new FeatureStats(d),
            0.5, null, null, null);
        List<LocalModelUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            updates.add(new LocalModelUpdate("u" + i, "d" + i, 1, 0, 10, names, new double[d], 0, new FeatureStats(d),
                0.1, io.flead.model.Eval.EMPTY, null));
        }
        FedAvgSettings dp = FedAvgSettings.defaults().withBounds(5, 1e9, 100)
            .withStrategy(Strategy.FEDAVG, 0.2, 1.0).withDp(2.0, 7);
        GlobalModel a = round(dp, previous, updates);
        GlobalModel b = round(dp, previous, updates);
        GlobalModel c = round(dp.withDp(2.0, 8), previous, updates);
        assertThat(a.weights()).containsExactly(b.weights());
        assertThat(a.weights()).isNotEqualTo(c.weights());
        double sigma = 2.0 * 1.0 / 4;
        double sumSq = 0;
        for (double w : a.weights()) {
            sumSq += w * w;
        }
        assertThat(Math.sqrt(sumSq / d)).isCloseTo(sigma, within(sigma * 0.05));
        assertThat(a.strategy()).isEqualTo("fedavg+clip+dp");
    }

    @Test
    void aggregatingOneThousandRandomUpdatesMatchesTheirWeightedMean() {
        Random random = new Random(1);
        List<LocalModelUpdate> updates = new ArrayList<>();
        double num = 0;
        double den = 0;
        for (int i = 0; i < 1000; i++) {
            double w = random.nextGaussian();
            long n = 1 + random.nextInt(100);
            updates.add(update("d" + i, 1, n, w, 0, 0));
            num += n * w;
            den += n;
        }
        GlobalModel next = round(FedAvgSettings.defaults(), global(1, 0, 0, 0), updates);
        assertThat(next.weights()[0]).isCloseTo(num / den, within(1e-9));
        assertThat(next.participants()).isEqualTo(1000);
    }

    private static double norm(double[] w, double b) {
        double s = b * b;
        for (double v : w) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
