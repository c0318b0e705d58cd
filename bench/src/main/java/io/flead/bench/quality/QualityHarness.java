package io.flead.bench.quality;

import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.Strategy;
import java.util.function.Consumer;

/**
 * Runs every arm of the quality comparison on one fleet: centralised, local-only and federated on the
 * natural (non-IID) devices and on an IID reshuffle, federated under a scaling attack with plain FedAvg,
 * with adaptive norm clipping and with trimmed mean plus clipping, and the poisoned-update round.
 */
public final class QualityHarness {
    private final HarnessConfig config;
    private final Consumer<String> log;

    public QualityHarness(HarnessConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    public QualityReport run(FleetData data) {
        Verdicts centralized = timed("centralized", () ->
            HoldoutEvaluator.evaluate(CentralizedArm.train(data, config), data.holdout()));
        Verdicts localOnly = timed("local-only", () ->
            HoldoutEvaluator.evaluateEach(LocalOnlyArm.train(data, config), data.holdout()));
        FederatedArm.Result federated = timed("federated", () -> FederatedArm.run(data, config, plain(), 0.0));
        FleetData iid = data.iidReshuffle(config.seed());
        Verdicts centralizedIid = timed("centralized-iid", () ->
            HoldoutEvaluator.evaluate(CentralizedArm.train(iid, config), iid.holdout()));
        Verdicts localOnlyIid = timed("local-only-iid", () ->
            HoldoutEvaluator.evaluateEach(LocalOnlyArm.train(iid, config), iid.holdout()));
        FederatedArm.Result federatedIid = timed("federated-iid", () -> FederatedArm.run(iid, config, plain(), 0.0));
        FederatedArm.Result attackFedavg = timed("attack-fedavg", () ->
            FederatedArm.run(data, config, plain(), config.attackShare()));
        FederatedArm.Result attackRobust = timed("attack-robust", () ->
            FederatedArm.run(data, config, robust(), config.attackShare()));
        FederatedArm.Result attackTrimmed = timed("attack-trimmed-mean", () ->
            FederatedArm.run(data, config, trimmedMean(), config.attackShare()));
        PoisonCheck.Result poison = PoisonCheck.run(data, config, federated.model());
        return new QualityReport(centralized, federated, localOnly, centralizedIid, federatedIid, localOnlyIid,
            attackFedavg, attackRobust, attackTrimmed, poison, data.trainRows(), data.holdoutRows(), data.train().size());
    }

    /** Plain FedAvg with the norm bound off, so the attack arm shows what FedAvg itself does. */
    FedAvgSettings plain() {
        return FedAvgSettings.defaults().withBounds(5, Double.MAX_VALUE, 1_000_000);
    }

    /**
     * The robust arm: FedAvg with adaptive clipping (each delta clipped to the round's median delta norm, its
     * weight scaled by the same factor). Coordinate-wise trimmed mean is measured too, but on non-IID devices
     * it discards the most informative coordinates and converges several points lower even without attack.
     */
    FedAvgSettings robust() {
        return plain().withStrategy(Strategy.FEDAVG, 0.0, config.clipNorm()).withAdaptiveClip(true);
    }

    FedAvgSettings trimmedMean() {
        return plain().withStrategy(Strategy.TRIMMED_MEAN, config.trimBeta(), config.clipNorm()).withAdaptiveClip(true);
    }

    private <T> T timed(String arm, java.util.function.Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        log.accept(String.format("arm %s done in %.1f s", arm, (System.nanoTime() - start) / 1e9));
        return result;
    }
}
