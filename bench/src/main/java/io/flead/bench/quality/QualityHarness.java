package io.flead.bench.quality;

import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.Strategy;
import io.flead.model.GlobalModel;
import java.util.List;
import java.util.Map;
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
    /** Share of the devices the unseen-devices split leaves out of training. */
    static final double UNSEEN_DEVICE_SHARE = 0.2;

    private final HarnessConfig config;
    /** Each learned arm's settings: {@code config} unless {@link #withArms} set them (see {@link ArmTuning}). */
    private final HarnessConfig central;
    private final HarnessConfig fed;
    private final HarnessConfig local;
    private final Consumer<String> log;

    public QualityHarness(HarnessConfig config, Consumer<String> log) {
        this(config, config, config, config, log);
    }

    private QualityHarness(HarnessConfig config, HarnessConfig central, HarnessConfig fed, HarnessConfig local,
                           Consumer<String> log) {
        this.config = config;
        this.central = central;
        this.fed = fed;
        this.local = local;
        this.log = log;
    }

    /** The same harness with each learned arm (every split, IID and attack runs included) on its own settings. */
    public QualityHarness withArms(HarnessConfig centralized, HarnessConfig federated, HarnessConfig localOnly) {
        return new QualityHarness(config, centralized, federated, localOnly, log);
    }

    public QualityReport run(FleetData data) {
        return run(data, Map.of());
    }

    /** Every arm; with the devices' kinds ({@link DeviceKinds}) also the new-kind split. */
    public QualityReport run(FleetData data, Map<String, String> kinds) {
        GlobalModel centralModel = timed("centralized", () -> CentralizedArm.train(data, central));
        Verdicts centralized = HoldoutEvaluator.evaluate(centralModel, data.holdout());
        List<GlobalModel> localModels = timed("local-only", () -> LocalOnlyArm.train(data, local));
        Verdicts localOnly = HoldoutEvaluator.evaluateEach(localModels, data.holdout());
        FederatedArm.Result federated = timed("federated", () -> FederatedArm.run(data, fed, plain(), 0.0));
        FleetData iid = data.iidReshuffle(config.seed());
        Verdicts centralizedIid = timed("centralized-iid", () ->
            HoldoutEvaluator.evaluate(CentralizedArm.train(iid, central), iid.holdout()));
        Verdicts localOnlyIid = timed("local-only-iid", () ->
            HoldoutEvaluator.evaluateEach(LocalOnlyArm.train(iid, local), iid.holdout()));
        FederatedArm.Result federatedIid = timed("federated-iid", () -> FederatedArm.run(iid, fed, plain(), 0.0));
        FederatedArm.Result attackFedavg = timed("attack-fedavg", () ->
            FederatedArm.run(data, fed, plain(), config.attackShare()));
        FederatedArm.Result attackRobust = timed("attack-robust", () ->
            FederatedArm.run(data, fed, robust(), config.attackShare()));
        FederatedArm.Result attackClipped = timed("attack-clipped-fedavg", () ->
            FederatedArm.run(data, fed, clippedFedavg(), config.attackShare()));
        PoisonCheck.Result poison = PoisonCheck.run(data, fed, federated.model());
        Baselines baselines = timed("baselines", () -> Baselines.of(data, config.seed()));
        SplitReport splits = timed("splits", () -> splits(data, centralModel, localModels, federated.model(),
            baselines.singleFeature(), kinds));
        return new QualityReport(centralized, federated, localOnly, centralizedIid, federatedIid, localOnlyIid,
            attackFedavg, attackRobust, attackClipped, poison, baselines, splits, data.trainRows(),
            data.holdoutRows(), data.train().size());
    }

    /**
     * Per-device F1 spread and novel-attack recall of the arms trained above, then federated and centralised
     * training again without {@link #UNSEEN_DEVICE_SHARE} of the devices, scored on those devices' rows.
     */
    SplitReport splits(FleetData data, GlobalModel central, List<GlobalModel> local, GlobalModel federated,
                       SingleFeatureThreshold single, Map<String, String> kinds) {
        List<DeviceRows> novel = NovelAttacks.rows(data);
        FleetData.DeviceSplit split = data.holdOutDevices(UNSEEN_DEVICE_SHARE, config.seed());
        FederatedArm.Result seen = FederatedArm.run(split.seen(), fed, plain(), 0.0);
        GlobalModel seenCentral = CentralizedArm.train(split.seen(), this.central);
        SignatureRules rules = new SignatureRules(data.featureNames());
        SingleFeatureThreshold seenSingle = SingleFeatureThreshold.fit(split.seen().train(),
            Baselines.SINGLE_FEATURE_ROWS, config.seed());
        boolean anyNovel = NovelAttacks.count(novel) > 0;
        String kind = kinds.isEmpty() ? null : DeviceKinds.heldOut(kinds, config.seed());
        FederatedArm.Result withoutKind = kind == null ? null
            : FederatedArm.run(data.holdOutKind(kinds, kind).seen(), fed, plain(), 0.0);
        List<DeviceRows> kindRows = kind == null ? List.of() : data.holdOutKind(kinds, kind).unseen();
        return new SplitReport(DeviceF1.of(federated, data.holdout()), DeviceF1.of(central, data.holdout()),
            DeviceF1.ofEach(local, data.holdout()), NovelAttacks.count(novel), recall(federated, novel),
            recallEach(local, novel), recall(central, novel), split.unseen().size(), seen.verdicts().f1(),
            HoldoutEvaluator.evaluate(seen.model(), split.unseen()).f1(),
            HoldoutEvaluator.evaluate(seenCentral, split.unseen()).f1(), rules.evaluate(split.unseen()).f1(),
            seenSingle.evaluate(split.unseen()).f1(), anyNovel ? rules.evaluate(novel).recall() : Double.NaN,
            anyNovel ? single.evaluate(novel).recall() : Double.NaN, kind,
            kind == null ? Double.NaN : withoutKind.verdicts().f1(),
            kind == null ? Double.NaN : HoldoutEvaluator.evaluate(withoutKind.model(), kindRows).f1());
    }

    private static double recall(GlobalModel model, List<DeviceRows> novel) {
        return NovelAttacks.count(novel) == 0 ? Double.NaN : HoldoutEvaluator.evaluate(model, novel).eval().recall();
    }

    private static double recallEach(List<GlobalModel> models, List<DeviceRows> novel) {
        return NovelAttacks.count(novel) == 0 ? Double.NaN
            : HoldoutEvaluator.evaluateEach(models, novel).eval().recall();
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
