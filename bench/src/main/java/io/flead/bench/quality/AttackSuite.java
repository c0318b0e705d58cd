package io.flead.bench.quality;

import io.flead.fedavg.core.Defences;
import io.flead.fedavg.core.FedAvgSettings;
import io.flead.fedavg.core.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The attack section of the quality bench: every {@link AttackKind} by 20% of the devices against each aggregation
 * {@link #strategies}, and by 10% against {@code default}, {@code robust} and {@code fedavg}; {@code n_samples} inflation also by one
 * device and by 5%; the clean run of each strategy as the reference. Every figure is the F1 of the final global model
 * on the pooled held-out rows (summed counts); the backdoor also gives its success, the share of held-out attack rows
 * with the trigger set that the final model scores normal.
 *
 * <p>Strategies: {@code default} is what fedavg runs unless configured ({@link FedAvgSettings#configDefaults}: plain
 * FedAvg with its norm bound and the sample-weight caps, the row cap set to the harness's window); {@code robust} the
 * robust settings ({@link FedAvgSettings#robustDefaults}: adaptive clipping as well), {@code robust_pooling} the same
 * with trimmed pooling of statistics and histograms; {@code fedavg}, {@code trimmed_mean}, {@code median} and {@code krum} are
 * each that rule alone (no norm bound, no clipping, no weight cap, statistics merged exactly); Krum assumes 20% of the
 * round attacking and averages the m - f best-scored updates (multi-Krum).
 */
public final class AttackSuite {
    /** The strategies that also face the smaller share and the inflation by one device and by 5%. */
    static final List<String> MAIN = List.of("default", "robust", "fedavg");
    /** The share of attacking devices every strategy faces. */
    static final double SHARE = 0.2;
    /** The smaller share faced by {@code default}, {@code robust} and {@code fedavg} only. */
    static final double SMALL_SHARE = 0.1;
    /** The share of inflating devices of {@code inflation_5pct}. */
    static final double INFLATION_SHARE = 0.05;

    private final HarnessConfig config;
    private final Consumer<String> log;

    public AttackSuite(HarnessConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /** Every attack figure on one fleet, in print order. */
    public List<QualityPrinter.Metric> run(FleetData data) {
        Map<String, FedAvgSettings> strategies = strategies(data);
        List<QualityPrinter.Metric> m = new ArrayList<>();
        Map<String, Double> clean = new LinkedHashMap<>();
        Attacks.Trigger trigger = Attacks.Trigger.of(data);
        int n = data.train().size();
        for (Map.Entry<String, FedAvgSettings> s : strategies.entrySet()) {
            double f1 = arm(data, s.getValue(), null, new boolean[n], trigger).f1;
            clean.put(s.getKey(), f1);
            m.add(metric("quality.attack.none." + s.getKey() + ".f1", f1, "f1"));
        }
        m.add(metric("quality.attack.default.clean_gap_pp", 100 * (clean.get("fedavg") - clean.get("default")), "pp"));
        m.add(metric("quality.attack.robust.clean_gap_pp", 100 * (clean.get("fedavg") - clean.get("robust")), "pp"));
        for (AttackKind kind : AttackKind.values()) {
            boolean[] attackers = FederatedArm.attackers(n, SHARE, config.seed());
            for (Map.Entry<String, FedAvgSettings> s : strategies.entrySet()) {
                Outcome o = arm(data, s.getValue(), kind, attackers, trigger);
                String prefix = "quality.attack." + kind.metricName() + "." + s.getKey();
                m.add(metric(prefix + ".f1", o.f1, "f1"));
                if (kind == AttackKind.BACKDOOR) {
                    m.add(metric(prefix + ".success", o.backdoorSuccess, "share"));
                    if (s.getKey().equals("default")) {
                        m.add(metric("quality.backdoor.success", o.backdoorSuccess, "share"));
                    }
                }
                if (s.getKey().equals("default") || s.getKey().equals("robust")) {
                    m.add(metric("quality.attack." + kind.metricName() + "." + s.getKey() + ".drop_pp",
                        100 * (clean.get(s.getKey()) - o.f1), "pp"));
                }
            }
            for (String s : MAIN) {
                Outcome o = arm(data, strategies.get(s), kind, FederatedArm.attackers(n, SMALL_SHARE, config.seed()),
                    trigger);
                m.add(metric("quality.attack." + kind.metricName() + "_10pct." + s + ".f1", o.f1, "f1"));
            }
        }
        boolean[] one = new boolean[n];
        one[new Random(config.seed() + 5).nextInt(n)] = true;
        boolean[] some = FederatedArm.attackers(n, INFLATION_SHARE, config.seed());
        for (String s : MAIN) {
            double f1 = arm(data, strategies.get(s), AttackKind.INFLATION, one, trigger).f1;
            m.add(metric("quality.attack.inflation_one." + s + ".f1", f1, "f1"));
            m.add(metric("quality.attack.inflation_one." + s + ".move_pp", 100 * Math.abs(clean.get(s) - f1), "pp"));
            m.add(metric("quality.attack.inflation_5pct." + s + ".f1",
                arm(data, strategies.get(s), AttackKind.INFLATION, some, trigger).f1, "f1"));
        }
        return m;
    }

    /** The F1 of one strategy ({@link #strategies} name) under {@code kind} (null: clean) by a share of the devices. */
    double f1(FleetData data, String strategy, AttackKind kind, boolean[] attackers) {
        return arm(data, strategies(data).get(strategy), kind, attackers, Attacks.Trigger.of(data)).f1;
    }

    /** The strategies compared, by metric name. */
    Map<String, FedAvgSettings> strategies(FleetData data) {
        int perRound = Math.max(1, (int) Math.round(config.participation() * data.train().size()));
        long window = FederatedArm.trainSettings(data, config).maxRows();
        FedAvgSettings robust = FedAvgSettings.robustDefaults();
        FedAvgSettings plain = FedAvgSettings.defaults().withBounds(5, Double.MAX_VALUE, 1_000_000);
        Map<String, FedAvgSettings> s = new LinkedHashMap<>();
        FedAvgSettings deployed = FedAvgSettings.configDefaults();
        s.put("default", deployed.withBounds(5, deployed.normBound(), 1_000_000)
            .withDefences(deployed.defences().withWeightCap(deployed.defences().weightCapMultiple(), window)));
        s.put("robust", robust.withBounds(5, robust.normBound(), 1_000_000)
            .withDefences(robust.defences().withWeightCap(robust.defences().weightCapMultiple(), window)));
        s.put("robust_pooling", s.get("robust").withDefences(s.get("robust").defences().withPool(Strategy.TRIMMED_MEAN)));
        s.put("fedavg", plain);
        s.put("trimmed_mean", plain.withStrategy(Strategy.TRIMMED_MEAN, config.trimBeta(), 0));
        s.put("median", plain.withStrategy(Strategy.MEDIAN, config.trimBeta(), 0));
        s.put("krum", plain.withStrategy(Strategy.KRUM, config.trimBeta(), 0)
            .withDefences(Defences.off().withKrum((int) Math.floor(SHARE * perRound), 0)));
        return s;
    }

    private record Outcome(double f1, double backdoorSuccess) {
    }

    private Outcome arm(FleetData data, FedAvgSettings settings, AttackKind kind, boolean[] attackers,
                        Attacks.Trigger trigger) {
        long start = System.nanoTime();
        FleetData trained = kind != null && kind.dataPoisoning() ? Attacks.poisonRows(data, kind, attackers, trigger)
            : data;
        Random random = new Random(config.seed() + 7);
        FederatedArm.Result r = FederatedArm.run(trained, config, settings, attackers, (updates, by, global) ->
            kind == null ? updates : Attacks.poisonUpdates(kind, updates, by, global, random));
        double success = Double.NaN;
        if (kind == AttackKind.BACKDOOR) {
            success = 1 - HoldoutEvaluator.evaluate(r.model(), Attacks.triggeredAttacks(data, trigger)).eval().recall();
        }
        log.accept(String.format(java.util.Locale.ROOT, "attack %s %s: f1 %.4f in %.1f s",
            kind == null ? "none" : kind.metricName(), settings.strategyName(), r.verdicts().f1(),
            (System.nanoTime() - start) / 1e9));
        return new Outcome(r.verdicts().f1(), success);
    }

    private static QualityPrinter.Metric metric(String name, double value, String unit) {
        return new QualityPrinter.Metric(name, value, unit);
    }
}
