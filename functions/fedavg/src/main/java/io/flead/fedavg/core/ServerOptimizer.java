package io.flead.fedavg.core;

import static io.flead.model.SettingsException.require;

import io.flead.model.SettingsException;
import java.util.Locale;

/**
 * The server optimiser: how a round's aggregated change (the pseudo-gradient, minus the gradient in Reddi et al.,
 * "Adaptive Federated Optimization", 2021) moves the global model. {@code none} adds it as it is (plain FedAvg);
 * {@code momentum} is FedAvgM (Hsu et al. 2019): {@code m = momentum * m + delta; step = lr * m}; {@code adam} is
 * FedAdam (Reddi et al., Algorithm 2, without bias correction):
 * {@code m = beta1 * m + (1 - beta1) * delta; v = beta2 * v + (1 - beta2) * delta^2; step = lr * m / (sqrt(v) + tau)}.
 * On non-IID devices the round-to-round deltas point different ways; momentum keeps what they share, and Adam gives
 * every coordinate a step of about {@code lr} whatever the scale of its gradient.
 *
 * <p>The vectors m and v are state that outlives the round: they are kept with the version they produced
 * ({@link VersionRecord#serverState()}) in the model history, so a restarted Streams app carries on from its store.
 *
 * @param kind {@value #OPTIMIZER}: none, momentum or adam (default none)
 * @param learningRate {@value #LEARNING_RATE}: the server learning rate (default 1; Adam's step per coordinate is about
 *        this, so it wants a smaller one, e.g. 0.1)
 * @param momentum {@value #MOMENTUM}: FedAvgM's momentum, in [0, 1) (default 0.9)
 * @param beta1 {@value #BETA1}: Adam's first-moment decay, in [0, 1) (default 0.9)
 * @param beta2 {@value #BETA2}: Adam's second-moment decay, in [0, 1) (default 0.99)
 * @param tau {@value #TAU}: Adam's adaptivity floor added to sqrt(v), positive (default 1e-3)
 */
public record ServerOptimizer(Kind kind, double learningRate, double momentum, double beta1, double beta2,
                              double tau) {
    public static final String OPTIMIZER = "server.optimizer";
    public static final String LEARNING_RATE = "server.learning.rate";
    public static final String MOMENTUM = "server.momentum";
    public static final String BETA1 = "server.beta1";
    public static final String BETA2 = "server.beta2";
    public static final String TAU = "server.tau";

    /** The optimiser's rule. */
    public enum Kind {
        NONE("none"), MOMENTUM("momentum"), ADAM("adam");

        private final String configName;

        Kind(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        /** The kind named {@code name} (none, momentum, adam), or an error naming the key. */
        public static Kind parse(String key, String name) {
            for (Kind k : values()) {
                if (name != null && k.configName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new SettingsException(key, name, "must be one of none, momentum, adam");
        }
    }

    public ServerOptimizer {
        require(kind != null, OPTIMIZER, null, "must be one of none, momentum, adam");
        require(learningRate > 0 && Double.isFinite(learningRate), LEARNING_RATE, learningRate,
            "must be a positive number");
        require(momentum >= 0 && momentum < 1, MOMENTUM, momentum, "must be in [0, 1)");
        require(beta1 >= 0 && beta1 < 1, BETA1, beta1, "must be in [0, 1)");
        require(beta2 >= 0 && beta2 < 1, BETA2, beta2, "must be in [0, 1)");
        require(tau > 0 && Double.isFinite(tau), TAU, tau, "must be a positive number");
    }

    /** No server optimiser: the aggregated change is the step. */
    public static ServerOptimizer none() {
        return new ServerOptimizer(Kind.NONE, 1.0, 0.9, 0.9, 0.99, 1e-3);
    }

    /** FedAvgM with server learning rate {@code lr} and momentum {@code beta}. */
    public static ServerOptimizer momentum(double lr, double beta) {
        return new ServerOptimizer(Kind.MOMENTUM, lr, beta, 0.9, 0.99, 1e-3);
    }

    /** FedAdam with server learning rate {@code lr}, decays {@code beta1} and {@code beta2} and floor {@code tau}. */
    public static ServerOptimizer adam(double lr, double beta1, double beta2, double tau) {
        return new ServerOptimizer(Kind.ADAM, lr, 0.9, beta1, beta2, tau);
    }

    /** The suffix of the strategy name written into global models: "" for none, else "+momentum" or "+adam". */
    public String nameSuffix() {
        return kind == Kind.NONE ? "" : "+" + kind.configName();
    }

    /** A step and the state after it. */
    public record Step(double[] step, ServerState state) {
    }

    /**
     * The step that moves the model for the aggregated change {@code delta}, and the state to keep with the new
     * version, from {@code state} (the previous version's; null, or of another dimension, starts from zeros).
     */
    public Step step(double[] delta, ServerState state) {
        int n = delta.length;
        double[] m = state == null || state.first().length != n ? new double[n] : state.first().clone();
        double[] v = state == null || state.second().length != n ? new double[n] : state.second().clone();
        double[] step = new double[n];
        switch (kind) {
            case NONE -> {
                return new Step(delta.clone(), state);
            }
            case MOMENTUM -> {
                for (int j = 0; j < n; j++) {
                    m[j] = momentum * m[j] + delta[j];
                    step[j] = learningRate * m[j];
                }
                return new Step(step, new ServerState(m, new double[0]));
            }
            case ADAM -> {
                for (int j = 0; j < n; j++) {
                    m[j] = beta1 * m[j] + (1 - beta1) * delta[j];
                    v[j] = beta2 * v[j] + (1 - beta2) * delta[j] * delta[j];
                    step[j] = learningRate * m[j] / (Math.sqrt(v[j]) + tau);
                }
                return new Step(step, new ServerState(m, v));
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }
}
