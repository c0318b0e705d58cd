package io.flead.bench.quality;

import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.Strategy;
import java.util.function.Consumer;

/**
 * Runs every arm of the quality comparison on one fleet: centralised, local-only and federated on the
 * natural (non-IID) devices and on an IID reshuffle, federated under a scaling attack with plain FedAvg,
 * with the robust strategy (trimmed mean plus clipping) and with FedAvg plus clipping alone, and the
 * poisoned-update round.
 */
public final class QualityHarness {
    /**
     * Adaptive clipping allows twice the round's median delta norm: honest updates on non-IID devices vary in
     * length, and cutting every one above the median slows the trimmed mean by several points at 30 rounds.
     */
    static final double ADAPTIVE_CLIP_FACTOR = 2.0;

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
        FederatedArm.Result attackClipped = timed("attack-clipped-fedavg", () ->
            FederatedArm.run(data, config, clippedFedavg(), config.attackShare()));
        PoisonCheck.Result poison = PoisonCheck.run(data, config, federated.model());
        Baselines baselines = timed("baselines", () -> Baselines.of(data, config.seed()));
        return new QualityReport(centralized, federated, localOnly, centralizedIid, federatedIid, localOnlyIid,
            attackFedavg, attackRobust, attackClipped, poison, baselines, data.trainRows(), data.holdoutRows(),
            data.train().size());
    }

    /** Plain FedAvg with the norm bound off, so the attack arm shows what FedAvg itself does. */
    FedAvgSettings plain() {
        return FedAvgSettings.defaults().withBounds(5, Double.MAX_VALUE, 1_000_000);
    }

    /**
     * The robust arm: each delta is first clipped to {@link #ADAPTIVE_CLIP_FACTOR} times the round's median delta
     * norm (and to the fixed {@code clipNorm} when set), so that no update, scaled or not, moves the model much
     * further than a typical honest one; then the coordinate-wise trimmed mean drops the {@code trimBeta} share
     * of the highest and lowest values of every coordinate. The median norm is an honest norm while attackers
     * are a minority.
     */
    FedAvgSettings robust() {
        return plain().withStrategy(Strategy.TRIMMED_MEAN, config.trimBeta(), config.clipNorm())
            .withAdaptiveClip(true, ADAPTIVE_CLIP_FACTOR);
    }

    /** FedAvg with the same adaptive clipping and no trimming, to show what clipping alone achieves. */
    FedAvgSettings clippedFedavg() {
        return plain().withStrategy(Strategy.FEDAVG, 0.0, config.clipNorm()).withAdaptiveClip(true, ADAPTIVE_CLIP_FACTOR);
    }

    private <T> T timed(String arm, java.util.function.Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        log.accept(String.format("arm %s done in %.1f s", arm, (System.nanoTime() - start) / 1e9));
        return result;
    }
}
