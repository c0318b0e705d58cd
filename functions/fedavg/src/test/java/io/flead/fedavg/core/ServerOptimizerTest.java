package io.flead.fedavg.core;

import static io.flead.fedavg.core.Updates.global;
import static io.flead.fedavg.core.Updates.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flead.model.GlobalModel;
import io.flead.model.JsonCodec;
import io.flead.model.SettingsException;
import org.junit.jupiter.api.Test;

/**
 * FedAvgM and FedAdam as server optimisers: rounds of one update each, whose change from the previous version is
 * chosen, so that each step can be computed by hand.
 */
class ServerOptimizerTest {

    /** Closes a round of one update that changes {@code previous}'s parameters by {@code (dw0, dw1, db)}. */
    private static GlobalModel round(Aggregator aggregator, ModelHistory history, GlobalModel previous, double dw0,
                                     double dw1, double db) {
        RoundBuffer buffer = aggregator.empty();
        aggregator.add(buffer, update("d" + previous.version(), previous.version(), 10, previous.weights()[0] + dw0,
            previous.weights()[1] + dw1, previous.bias() + db), 0);
        return aggregator.close(buffer, previous, history, 99).global();
    }

    private static void assertParameters(GlobalModel model, double w0, double w1, double b) {
        assertThat(model.weights()[0]).isCloseTo(w0, within(1e-12));
        assertThat(model.weights()[1]).isCloseTo(w1, within(1e-12));
        assertThat(model.bias()).isCloseTo(b, within(1e-12));
    }

    @Test
    void momentumAccumulatesAcrossRounds() {
        Aggregator aggregator = new Aggregator(FedAvgSettings.defaults().withRound(1, 1_000, 1)
            .withServer(ServerOptimizer.momentum(0.5, 0.9)));
        ModelHistory history = ModelHistory.inMemory();
        GlobalModel v5 = global(5, 1, 1, 0);

        // m = (1, -2, 0.5); step = 0.5 m
        GlobalModel v6 = round(aggregator, history, v5, 1, -2, 0.5);
        assertParameters(v6, 1.5, 0, 0.25);
        // m = 0.9 (1, -2, 0.5) + (1, 0, 0) = (1.9, -1.8, 0.45); step = 0.5 m
        GlobalModel v7 = round(aggregator, history, v6, 1, 0, 0);
        assertParameters(v7, 1.5 + 0.95, -0.9, 0.25 + 0.225);
        // a round that changes nothing still moves the model by the momentum: m = 0.9 m; step = 0.5 m
        GlobalModel v8 = round(aggregator, history, v7, 0, 0, 0);
        assertParameters(v8, 2.45 + 0.855, -0.9 - 0.81, 0.475 + 0.2025);
        assertThat(v8.strategy()).isEqualTo("fedavg+momentum");
        assertThat(history.get(8).serverState().first()).containsExactly(new double[] {1.71, -1.62, 0.405},
            within(1e-12));
    }

    @Test
    void adamsStepMatchesAHandComputation() {
        Aggregator aggregator = new Aggregator(FedAvgSettings.defaults().withRound(1, 1_000, 1)
            .withServer(ServerOptimizer.adam(0.1, 0.9, 0.99, 1e-3)));
        ModelHistory history = ModelHistory.inMemory();
        GlobalModel v5 = global(5, 1, 1, 0);

        // delta (1, -2, 0.5): m = 0.1 delta = (0.1, -0.2, 0.05), v = 0.01 delta^2 = (0.01, 0.04, 0.0025),
        // step = 0.1 m / (sqrt(v) + 0.001) = (0.01 / 0.101, -0.02 / 0.201, 0.005 / 0.051)
        GlobalModel v6 = round(aggregator, history, v5, 1, -2, 0.5);
        assertParameters(v6, 1 + 0.01 / 0.101, 1 - 0.02 / 0.201, 0.005 / 0.051);
        // delta (1, 0, 0): m = 0.9 m + 0.1 delta = (0.19, -0.18, 0.045), v = 0.99 v + 0.01 delta^2
        // = (0.0199, 0.0396, 0.002475), step = 0.1 m / (sqrt(v) + 0.001)
        GlobalModel v7 = round(aggregator, history, v6, 1, 0, 0);
        assertParameters(v7, v6.weights()[0] + 0.019 / (Math.sqrt(0.0199) + 0.001),
            v6.weights()[1] - 0.018 / (Math.sqrt(0.0396) + 0.001), v6.bias() + 0.0045 / (Math.sqrt(0.002475) + 0.001));
        assertThat(history.get(7).serverState().second()).containsExactly(new double[] {0.0199, 0.0396, 0.002475},
            within(1e-15));
        assertThat(v7.strategy()).isEqualTo("fedavg+adam");
    }

    @Test
    void theStateReadBackFromItsJsonGivesTheSameNextVersionAsWithoutARestart() {
        Aggregator aggregator = new Aggregator(FedAvgSettings.defaults().withRound(1, 1_000, 1)
            .withServer(ServerOptimizer.adam(0.1, 0.9, 0.99, 1e-3)));
        ModelHistory history = ModelHistory.inMemory();
        GlobalModel v6 = round(aggregator, history, global(5, 1, 1, 0), 1, -2, 0.5);
        GlobalModel v7 = round(aggregator, history, v6, 1, 0.5, -1);

        // a new process: the history as a store holds it (JSON), the model as the compacted topic holds it
        ModelHistory restored = ModelHistory.inMemory();
        for (long v = 5; v <= 7; v++) {
            VersionRecord r = history.get(v);
            if (r != null) {
                restored.put(JsonCodec.decode(JsonCodec.encode(r), VersionRecord.class));
            }
        }
        GlobalModel v7Read = JsonCodec.decode(JsonCodec.encode(v7), GlobalModel.class);
        GlobalModel straight = round(aggregator, history, v7, -1, 1, 0.25);
        GlobalModel afterRestart = round(aggregator, restored, v7Read, -1, 1, 0.25);
        GlobalModel forgotten = round(aggregator, ModelHistory.inMemory(), v7Read, -1, 1, 0.25);

        assertThat(afterRestart.weights()).containsExactly(straight.weights());
        assertThat(afterRestart.bias()).isEqualTo(straight.bias());
        // without the stored state the step would differ: the restore is what carries the moments
        assertThat(forgotten.weights()[0]).isNotCloseTo(straight.weights()[0], within(1e-3));
    }

    @Test
    void withoutAServerOptimiserTheChangeIsTheStep() {
        Aggregator aggregator = new Aggregator(FedAvgSettings.defaults().withRound(1, 1_000, 1));
        ModelHistory history = ModelHistory.inMemory();
        GlobalModel v6 = round(aggregator, history, global(5, 1, 1, 0), 1, -2, 0.5);
        GlobalModel v7 = round(aggregator, history, v6, 0, 0, 0);
        assertParameters(v7, 2, -1, 0.5);
        assertThat(v7.strategy()).isEqualTo("fedavg");
        assertThat(history.get(7).serverState()).isNull();
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> ServerOptimizer.Kind.parse(ServerOptimizer.OPTIMIZER, "sgd"))
            .isInstanceOf(SettingsException.class).hasMessageContaining("server.optimizer").hasMessageContaining("'sgd'");
        assertThatThrownBy(() -> ServerOptimizer.momentum(0, 0.9)).hasMessageContaining("server.learning.rate");
        assertThatThrownBy(() -> ServerOptimizer.momentum(1, 1.0)).hasMessageContaining("server.momentum");
        assertThatThrownBy(() -> ServerOptimizer.adam(0.1, -0.1, 0.99, 1e-3)).hasMessageContaining("server.beta1");
        assertThatThrownBy(() -> ServerOptimizer.adam(0.1, 0.9, 1.0, 1e-3)).hasMessageContaining("server.beta2");
        assertThatThrownBy(() -> ServerOptimizer.adam(0.1, 0.9, 0.99, 0)).hasMessageContaining("server.tau");
        assertThatThrownBy(() -> ServerOptimizer.adam(Double.NaN, 0.9, 0.99, 1e-3))
            .hasMessageContaining("server.learning.rate");
    }
}
