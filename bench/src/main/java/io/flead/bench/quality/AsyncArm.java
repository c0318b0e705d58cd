package io.flead.bench.quality;

import io.flead.fedavg.core.Aggregator;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.ModelHistory;
import io.flead.fedavg.core.RoundBuffer;
import io.flead.localtrain.core.LocalTrainer;
import io.flead.model.GlobalModel;
import io.flead.model.LocalModelUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The federated arm with asynchrony: each round's devices train from a global version {@code tau} versions behind
 * the current one, tau drawn from a {@link StalenessDistribution} (capped by the versions published so far), and the
 * real {@link Aggregator} combines their updates as the Streams app does, each from its own base version (kept in a
 * {@link ModelHistory} across rounds). Two ways to treat a stale update: {@link Weighting#WEIGHTED}, fedavg's
 * (1+tau)^-0.5 weighting, and {@link Weighting#DROP}, {@code max.staleness = 0}, which rejects every update that is
 * not on the current version (a round of only stale updates then publishes nothing).
 */
public final class AsyncArm {
    /** How stale updates count. */
    public enum Weighting {
        WEIGHTED("weighted"), DROP("drop");

        private final String metricName;

        Weighting(String metricName) {
            this.metricName = metricName;
        }

        public String metricName() {
            return metricName;
        }
    }

    /** The last global model, its F1 on the held-out rows, and the updates the aggregator rejected as stale. */
    public record Result(GlobalModel model, Verdicts verdicts, long staleRejected, long updates) {
    }

    private AsyncArm() {
    }

    public static Result run(FleetData data, HarnessConfig config, StalenessDistribution staleness,
                             Weighting weighting) {
        List<DeviceRows> devices = data.train();
        LocalTrainer trainer = new LocalTrainer(FederatedArm.trainSettings(data, config));
        Random draw = new Random(config.seed() + 99);
        Random delays = new Random(config.seed() + 7_919);
        int perRound = Math.max(1, (int) Math.round(config.participation() * devices.size()));
        FedAvgSettings settings = FedAvgSettings.defaults().withBounds(weighting == Weighting.DROP ? 0 : 20,
            Double.MAX_VALUE, 1_000_000).withRound(perRound, 60_000, 1);
        Aggregator aggregator = new Aggregator(settings);
        ModelHistory history = ModelHistory.inMemory();
        List<GlobalModel> published = new ArrayList<>();
        published.add(GlobalModel.initial(data.featureNames(), 0));
        RoundBuffer buffer = aggregator.empty();
        long staleRejected = 0;
        long updates = 0;
        ForkJoinPool pool = new ForkJoinPool(config.threads());
        try {
            for (int r = 1; r <= config.rounds(); r++) {
                long now = r * 60_000L;
                GlobalModel current = published.get(published.size() - 1);
                int[] chosen = FederatedArm.choose(devices.size(), perRound, draw);
                GlobalModel[] bases = new GlobalModel[chosen.length];
                for (int k = 0; k < chosen.length; k++) {
                    int tau = Math.min(staleness.draw(delays), published.size() - 1);
                    bases[k] = published.get(published.size() - 1 - tau);
                }
                for (LocalModelUpdate u : train(pool, trainer, devices, chosen, bases, now)) {
                    // a device here trains on the same rows every time, so two rounds on one base version would give
                    // the same update id, which fedavg rejects as a duplicate; a running device has new rows each time
                    aggregator.add(buffer, u.withUpdateId(u.updateId() + "-round-" + r), now);
                    updates++;
                }
                var result = aggregator.close(buffer, current, history, now);
                staleRejected += result.rejectedAtClose().size();
                buffer = result.next();
                if (result.global() != null) {
                    published.add(result.global());
                }
            }
        } finally {
            pool.shutdown();
        }
        GlobalModel last = published.get(published.size() - 1);
        return new Result(last, HoldoutEvaluator.evaluate(last, data.holdout()), staleRejected, updates);
    }

    private static List<LocalModelUpdate> train(ForkJoinPool pool, LocalTrainer trainer, List<DeviceRows> devices,
                                                int[] chosen, GlobalModel[] bases, long now) {
        try {
            return pool.submit(() -> IntStream.range(0, chosen.length).parallel()
                .mapToObj(k -> FederatedArm.trainDevice(trainer, devices.get(chosen[k]), bases[k], now)).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
