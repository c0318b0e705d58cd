package io.flead.bench.quality;

import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.ModelHistory;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.localtrain.core.DeviceWindow;
import io.flead.localtrain.core.LocalTrainSettings;
import io.flead.localtrain.core.LocalTrainer;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The federated arm: rounds of the real {@link LocalTrainer} on every device's training rows and the real
 * {@link Aggregator} over their updates, each global version scored on the pooled held-out rows.
 * Attackers (a seeded share of the devices) multiply their update's weights and bias by a factor.
 */
public final class FederatedArm {
    /** One round's global model on the held-out rows. */
    public record RoundPoint(long round, double f1, double auc, int participants, int rejected) {
    }

    public record Result(GlobalModel model, List<RoundPoint> trace, Verdicts verdicts) {
        public RoundPoint last() {
            return trace.get(trace.size() - 1);
        }
    }

    private FederatedArm() {
    }

    /** What attacking devices do to a round's updates, given which of the round's updates are theirs. */
    @FunctionalInterface
    public interface RoundAttack {
        List<LocalModelUpdate> apply(List<LocalModelUpdate> updates, boolean[] byAttacker, GlobalModel global);
    }

    public static Result run(FleetData data, HarnessConfig config, FedAvgSettings aggregation, double attackShare) {
        return run(data, config, aggregation, attackShare, 0.0);
    }

    /** As {@link #run(FleetData, HarnessConfig, FedAvgSettings, double)}, with FedProx's {@code proxMu} on devices. */
    public static Result run(FleetData data, HarnessConfig config, FedAvgSettings aggregation, double attackShare,
                             double proxMu) {
        boolean[] attacker = attackers(data.train().size(), attackShare, config.seed());
        return run(data, config, aggregation, attacker, (updates, by, global) -> {
            List<LocalModelUpdate> out = new ArrayList<>(updates);
            for (int k = 0; k < out.size(); k++) {
                out.set(k, by[k] ? scaled(out.get(k), config.attackScale()) : out.get(k));
            }
            return out;
        }, proxMu);
    }

    /** Rounds as {@link #run(FleetData, HarnessConfig, FedAvgSettings, double)}, the given devices attacking. */
    public static Result run(FleetData data, HarnessConfig config, FedAvgSettings aggregation, boolean[] attacker,
                             RoundAttack attack) {
        return run(data, config, aggregation, attacker, attack, 0.0);
    }

    private static Result run(FleetData data, HarnessConfig config, FedAvgSettings aggregation, boolean[] attacker,
                              RoundAttack attack, double proxMu) {
        List<DeviceRows> devices = data.train();
        LocalTrainer trainer = new LocalTrainer(trainSettings(data, config, proxMu));
        Random draw = new Random(config.seed() + 99);
        int perRound = Math.max(1, (int) Math.round(config.participation() * devices.size()));
        Aggregator aggregator = new Aggregator(aggregation.withRound(perRound, 60_000, 1));
        GlobalModel global = GlobalModel.initial(data.featureNames(), 0);
        RoundBuffer buffer = aggregator.empty();
        // kept across rounds, as the Streams app keeps it: it holds a server optimiser's state
        ModelHistory history = ModelHistory.inMemory();
        List<RoundPoint> trace = new ArrayList<>();
        Verdicts verdicts = null;
        ForkJoinPool pool = new ForkJoinPool(config.threads());
        try {
            for (int r = 1; r <= config.rounds(); r++) {
                long now = r * 60_000L;
                int[] chosen = choose(devices.size(), perRound, draw);
                List<LocalModelUpdate> updates = localRound(pool, trainer, devices, chosen, global, now);
                boolean[] byAttacker = new boolean[chosen.length];
                for (int k = 0; k < chosen.length; k++) {
                    byAttacker[k] = attacker[chosen[k]];
                }
                for (LocalModelUpdate u : attack.apply(updates, byAttacker, global)) {
                    aggregator.add(buffer, u, now);
                }
                var result = aggregator.close(buffer, global, history, now);
                global = result.global();
                buffer = result.next();
                verdicts = HoldoutEvaluator.evaluate(global, data.holdout());
                trace.add(new RoundPoint(global.round(), verdicts.f1(), verdicts.auc(), global.participants(),
                    global.rejected().size()));
            }
        } finally {
            pool.shutdown();
        }
        return new Result(global, trace, verdicts);
    }

    static LocalTrainSettings trainSettings(FleetData data, HarnessConfig config) {
        return trainSettings(data, config, 0.0);
    }

    static LocalTrainSettings trainSettings(FleetData data, HarnessConfig config, double proxMu) {
        int maxRows = data.train().stream().mapToInt(DeviceRows::n).max().orElse(1);
        return LocalTrainSettings.defaults().withFeatureNames(data.featureNames())
            .withTrigger(maxRows, 60_000, 1, maxRows)
            .withSgd(config.localEpochs(), config.learningRate(), config.l2(), proxMu, config.batchSize())
            .withReferenceHistogram(false);
    }

    private static List<LocalModelUpdate> localRound(ForkJoinPool pool, LocalTrainer trainer, List<DeviceRows> devices,
                                                     int[] chosen, GlobalModel global, long now) {
        try {
            return pool.submit(() -> IntStream.of(chosen).parallel()
                .mapToObj(i -> trainDevice(trainer, devices.get(i), global, now)).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    static LocalModelUpdate trainDevice(LocalTrainer trainer, DeviceRows dev, GlobalModel global, long now) {
        DeviceWindow window = trainer.empty(dev.deviceId());
        double[] row = new double[dev.d()];
        for (int i = 0; i < dev.n(); i++) {
            dev.copyRow(i, row);
            trainer.addRow(window, row, dev.y()[i], i, now - dev.n() + i);
        }
        return trainer.finish(window, global, now).orElseThrow();
    }

    static LocalModelUpdate scaled(LocalModelUpdate u, double factor) {
        double[] w = Arrays.copyOf(u.weights(), u.weights().length);
        for (int j = 0; j < w.length; j++) {
            w[j] *= factor;
        }
        return u.withParameters(w, u.bias() * factor);
    }

    /** {@code k} distinct devices out of {@code n}, in increasing order (all of them when k = n). */
    static int[] choose(int n, int k, Random random) {
        if (k >= n) {
            return IntStream.range(0, n).toArray();
        }
        int[] order = IntStream.range(0, n).toArray();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return IntStream.of(order).limit(k).sorted().toArray();
    }

    /** A seeded choice of floor(share * n) attacking devices. */
    static boolean[] attackers(int n, double share, long seed) {
        int[] order = IntStream.range(0, n).toArray();
        Random random = new Random(seed + 17);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] attacker = new boolean[n];
        for (int k = 0; k < (int) Math.floor(share * n); k++) {
            attacker[order[k]] = true;
        }
        return attacker;
    }
}
