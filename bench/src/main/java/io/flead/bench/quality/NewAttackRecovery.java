package io.flead.bench.quality;

import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.localtrain.core.DeviceWindow;
import io.flead.localtrain.core.LocalTrainer;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Recovery of the federated loop after a new attack type appears: the fleet's most common attack type is absent from
 * every device's rows (training and held-out) for the first rounds; then it appears on the devices whose traffic has
 * it. The recovery is the number of rounds after its appearance until the F1 on the held-out rows, now with that
 * type, is back within 2 pp of the F1 before it appeared (0: the model caught it without a round). Every device trains
 * in every round, with what {@code flead up} aggregates with ({@link FedAvgSettings#defaults()}).
 */
public final class NewAttackRecovery {
    /** How close to the pre-drift F1 counts as recovered. */
    static final double WITHIN = 0.02;

    /**
     * @param newType        the type that appears ({@link AttackTypes#NAMES} index)
     * @param preDriftModel  the global model when it appears
     * @param preF1          that model's F1 on the held-out rows without the type
     * @param f1AtAppearance that model's F1 on the held-out rows with the type
     * @param rounds         rounds until recovered, -1 when not within the run
     * @param trace          F1 on the held-out rows with the type after each round from its appearance on
     */
    public record Result(int newType, GlobalModel preDriftModel, double preF1, double f1AtAppearance, int rounds,
                  List<Double> trace) {
    }

    private final int preRounds;
    private final int maxRounds;
    private final long seed;

    NewAttackRecovery(int preRounds, int maxRounds, long seed) {
        this.preRounds = preRounds;
        this.maxRounds = maxRounds;
        this.seed = seed;
    }

    Result run(FleetData fleet) {
        int type = mostCommonAttackType(fleet);
        List<DeviceRows> trainBefore = fleet.train().stream().map(d -> without(d, type)).toList();
        List<DeviceRows> holdoutBefore = fleet.holdout().stream().map(d -> without(d, type)).toList();
        HarnessConfig config = HarnessConfig.defaults().withSeed(seed).withThreads(2);
        LocalTrainer trainer = new LocalTrainer(FederatedArm.trainSettings(fleet, config));
        int n = fleet.train().size();
        Aggregator aggregator = new Aggregator(FedAvgSettings.defaults().withRound(n, 60_000, 1));
        GlobalModel global = GlobalModel.initial(fleet.featureNames(), 0);
        ForkJoinPool pool = new ForkJoinPool(config.threads());
        try {
            long round = 0;
            for (int r = 0; r < preRounds; r++) {
                global = round(pool, trainer, aggregator, trainBefore, global, ++round);
            }
            double preF1 = HoldoutEvaluator.evaluate(global, holdoutBefore).f1();
            GlobalModel preDrift = global;
            double atAppearance = HoldoutEvaluator.evaluate(global, fleet.holdout()).f1();
            List<Double> trace = new ArrayList<>();
            int recovered = atAppearance >= preF1 - WITHIN ? 0 : -1;
            for (int r = 1; r <= maxRounds && recovered < 0; r++) {
                global = round(pool, trainer, aggregator, fleet.train(), global, ++round);
                double f1 = HoldoutEvaluator.evaluate(global, fleet.holdout()).f1();
                trace.add(f1);
                if (f1 >= preF1 - WITHIN) {
                    recovered = r;
                }
            }
            return new Result(type, preDrift, preF1, atAppearance, recovered, trace);
        } finally {
            pool.shutdown();
        }
    }

    private static GlobalModel round(ForkJoinPool pool, LocalTrainer trainer, Aggregator aggregator,
                                     List<DeviceRows> devices, GlobalModel global, long round) {
        long now = round * 60_000L;
        List<LocalModelUpdate> updates;
        try {
            updates = pool.submit(() -> devices.parallelStream().filter(d -> d.n() > 0)
                .map(d -> train(trainer, d, global, now)).filter(Objects::nonNull).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        RoundBuffer buffer = aggregator.empty();
        updates.forEach(u -> aggregator.add(buffer, u, now));
        GlobalModel next = aggregator.close(buffer, global, now).global();
        return next == null ? global : next;
    }

    private static LocalModelUpdate train(LocalTrainer trainer, DeviceRows dev, GlobalModel global, long now) {
        DeviceWindow window = trainer.empty(dev.deviceId());
        double[] row = new double[dev.d()];
        for (int i = 0; i < dev.n(); i++) {
            dev.copyRow(i, row);
            trainer.addRow(window, row, dev.y()[i], i, now - dev.n() + i);
        }
        return trainer.finish(window, global, now).orElse(null);
    }

    static int mostCommonAttackType(FleetData fleet) {
        long[] counts = new long[AttackTypes.NAMES.size()];
        for (DeviceRows d : fleet.train()) {
            for (int i = 0; i < d.n(); i++) {
                if (d.y()[i] == 1 && d.type()[i] > 0) {
                    counts[d.type()[i]]++;
                }
            }
        }
        int best = 1;
        for (int t = 1; t < counts.length; t++) {
            if (counts[t] > counts[best]) {
                best = t;
            }
        }
        return best;
    }

    private static DeviceRows without(DeviceRows d, int type) {
        boolean[] keep = new boolean[d.n()];
        for (int i = 0; i < d.n(); i++) {
            keep[i] = d.type()[i] != type;
        }
        return d.select(keep);
    }
}
