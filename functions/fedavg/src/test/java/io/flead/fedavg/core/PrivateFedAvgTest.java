package io.flead.fedavg.core;

import static io.flead.fedavg.core.Updates.global;
import static io.flead.fedavg.core.Updates.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flead.model.Eval;
import io.flead.model.FeatureStats;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Central DP in FedAvg: the weighting the noise is calibrated to, the noise itself, and the privacy spent. */
class PrivateFedAvgTest {
    private static final double CLIP = 1.0;

    private static FedAvgSettings dp(int roundSize, double z) {
        return FedAvgSettings.defaults().withBounds(5, 1e9, 100).withStrategy(Strategy.FEDAVG, 0.2, CLIP)
            .withDp(z, 7).withRound(roundSize, 1_000, 1);
    }

    private static GlobalModel round(FedAvgSettings settings, GlobalModel previous, List<LocalModelUpdate> updates) {
        Aggregator aggregator = new Aggregator(settings);
        RoundBuffer buffer = aggregator.empty();
        updates.forEach(u -> aggregator.add(buffer, u, 0));
        return aggregator.close(buffer, previous, 1).global();
    }

    @Test
    void everyDeviceWeighsTheSameOverTheFixedRoundSizeWhateverSamplesItClaims() {
        GlobalModel previous = global(1, 0, 0, 0);
        // deltas (0.3, 0, 0) and (0, -0.4, 0.2): within the clip norm; one device claims a million rows
        List<LocalModelUpdate> updates = List.of(update("d1", 1, 10, 0.3, 0, 0), update("d2", 1, 1_000_000, 0, -0.4, 0.2));
        GlobalModel next = round(dp(4, 1e-9), previous, updates);
        assertThat(next.weights()[0]).isCloseTo(0.3 / 4, within(1e-6));
        assertThat(next.weights()[1]).isCloseTo(-0.4 / 4, within(1e-6));
        assertThat(next.bias()).isCloseTo(0.2 / 4, within(1e-6));
    }

    @Test
    void oneDeviceMovesTheNoiseFreeStepByAtMostTheClipNormOverTheRoundSize() {
        GlobalModel previous = global(1, 0, 0, 0);
        List<LocalModelUpdate> honest = List.of(update("d1", 1, 50, 0.2, 0.1, 0), update("d2", 1, 50, -0.1, 0.3, 0.1));
        List<LocalModelUpdate> withHuge = new ArrayList<>(honest);
        withHuge.add(update("d3", 1, 5_000_000, 300, -400, 0));
        GlobalModel without = round(dp(5, 1e-9), previous, honest);
        GlobalModel with = round(dp(5, 1e-9), previous, withHuge);
        double dw0 = with.weights()[0] - without.weights()[0];
        double dw1 = with.weights()[1] - without.weights()[1];
        double db = with.bias() - without.bias();
        assertThat(Math.sqrt(dw0 * dw0 + dw1 * dw1 + db * db)).as("C / K").isCloseTo(CLIP / 5, within(1e-6));
    }

    @Test
    void noiseHasSigmaZTimesClipOverRoundSizeNotOverTheDevicesThatCame() {
        int d = 4_000;
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("f" + j);
        }
        GlobalModel previous = new GlobalModel(1, 1, 0, "fedavg", 1, 1, names, new double[d], 0, new FeatureStats(d),
            0.5, null, null, null);
        List<LocalModelUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            updates.add(new LocalModelUpdate("u" + i, "d" + i, 1, 0, 10, names, new double[d], 0, new FeatureStats(d),
                0.1, Eval.EMPTY, null));
        }
        GlobalModel next = round(dp(8, 2.0), previous, updates);
        double sigma = 2.0 * CLIP / 8;
        double sumSq = 0;
        for (double w : next.weights()) {
            sumSq += w * w;
        }
        assertThat(Math.sqrt(sumSq / d)).isCloseTo(sigma, within(sigma * 0.05));
    }

    @Test
    void eachNoisyVersionCarriesThePrivacySpentSoFar() {
        FedAvgSettings settings = dp(2, 3.0);
        GlobalModel v2 = round(settings, global(1, 0, 0, 0), List.of(update("d1", 1, 10, 0.1, 0, 0)));
        assertThat(v2.dp().rounds()).isEqualTo(1);
        assertThat(v2.dp().epsilon()).isCloseTo(RdpAccountant.epsilon(3.0, 1.0, 1, 1e-5), within(1e-12));
        GlobalModel v3 = round(settings, v2, List.of(update("d1", 2, 10, 0.1, 0, 0)));
        assertThat(v3.dp().rounds()).isEqualTo(2);
        assertThat(v3.dp().epsilon()).isCloseTo(RdpAccountant.epsilon(3.0, 1.0, 2, 1e-5), within(1e-12))
            .isGreaterThan(v2.dp().epsilon());
        assertThat(v3.dp().delta()).isEqualTo(1e-5);
        assertThat(v3.dp().samplingRate()).isEqualTo(1.0);
        String json = io.flead.model.JsonCodec.encodeToString(v3);
        assertThat(json).contains("\"dp\":{\"rounds\":2,");
        assertThat(io.flead.model.JsonCodec.decode(json, GlobalModel.class).dp()).isEqualTo(v3.dp());
        GlobalModel plain = round(FedAvgSettings.defaults().withRound(2, 1_000, 1), global(1, 0, 0, 0),
            List.of(update("d1", 1, 10, 0.1, 0, 0)));
        assertThat(plain.dp()).isNull();
    }

    @Test
    void noiseOnOrderStatisticsIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> FedAvgSettings.defaults().withStrategy(Strategy.TRIMMED_MEAN, 0.2, 1.0).withDp(1.0, 1))
            .hasMessageContaining("'dp.noise.multiplier'").hasMessageContaining("strategy=fedavg");
    }
}
