package io.flead.bench.quality;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a {@link QualityReport} as {@code metric <name> <value> <unit>} lines plus the per-round trace. */
public final class QualityPrinter {
    /** One figure of a report. */
    public record Metric(String name, double value, String unit) {
    }

    private final PrintStream out;

    public QualityPrinter(PrintStream out) {
        this.out = out;
    }

    public void print(QualityReport r) {
        printTraces(r);
        metrics(r).forEach(this::print);
        r.poison().reasons().forEach((id, reason) -> out.println("poison rejected " + id + ": " + reason));
    }

    /** The per-round traces, the data line and the baselines' chosen rule. */
    public void printTraces(QualityReport r) {
        trace("federated", r.federated());
        trace("federated-iid", r.federatedIid());
        trace("attack-fedavg", r.attackFedavg());
        trace("attack-robust", r.attackRobust());
        trace("attack-clipped-fedavg", r.attackClipped());
        out.printf(Locale.ROOT, "data: %d devices, %d training rows, %d held-out rows; federated rounds: %d%n",
            r.devices(), r.trainRows(), r.holdoutRows(), r.federated().trace().size());
        if (r.splits().newKind() != null) {
            out.printf(Locale.ROOT, "new-kind split: %s left out of training%n", r.splits().newKind());
        }
        out.printf(Locale.ROOT, "single-feature baseline (chosen on training rows, F1 %.4f there): %s%n",
            r.baselines().singleFeature().trainF1(), r.baselines().singleFeature().describe(r.featureNames()));
    }

    /** Every figure of the report, in print order. */
    public static List<Metric> metrics(QualityReport r) {
        List<Metric> m = new ArrayList<>();
        m.add(new Metric("quality.f1.centralized", r.centralized().f1(), "f1"));
        m.add(new Metric("quality.f1.federated", r.federated().verdicts().f1(), "f1"));
        m.add(new Metric("quality.f1.local_only", r.localOnly().f1(), "f1"));
        m.add(new Metric("quality.rules.f1", r.baselines().rules().f1(), "f1"));
        m.add(new Metric("quality.single_feature.f1", r.baselines().singleFeatureEval().f1(), "f1"));
        m.add(new Metric("quality.f1_gap_pp", r.gapPp(), "pp"));
        SplitReport s = r.splits();
        m.add(new Metric("quality.unseen_devices.federated.f1", s.unseenF1(), "f1"));
        m.add(new Metric("quality.unseen_devices.centralized.f1", s.unseenCentralizedF1(), "f1"));
        m.add(new Metric("quality.unseen_devices.rules.f1", s.unseenRulesF1(), "f1"));
        m.add(new Metric("quality.unseen_devices.single_feature.f1", s.unseenSingleFeatureF1(), "f1"));
        m.add(new Metric("quality.unseen_devices.seen.federated.f1", s.seenF1(), "f1"));
        m.add(new Metric("quality.unseen_devices.f1_gap_pp", s.unseenGapPp(), "pp"));
        m.add(new Metric("quality.new_kind.federated.f1", s.newKindF1(), "f1"));
        m.add(new Metric("quality.new_kind.seen.federated.f1", s.newKindSeenF1(), "f1"));
        m.add(new Metric("quality.new_kind.f1_gap_pp", s.newKindGapPp(), "pp"));
        m.add(new Metric("quality.novel_attack.rows", s.novelRows(), "rows"));
        m.add(new Metric("quality.novel_attack.recall.federated", s.novelRecallFederated(), "recall"));
        m.add(new Metric("quality.novel_attack.recall.local_only", s.novelRecallLocalOnly(), "recall"));
        m.add(new Metric("quality.novel_attack.recall.centralized", s.novelRecallCentralized(), "recall"));
        m.add(new Metric("quality.novel_attack.recall.rules", s.novelRecallRules(), "recall"));
        m.add(new Metric("quality.novel_attack.recall.single_feature", s.novelRecallSingleFeature(), "recall"));
        m.add(new Metric("quality.device_f1_p10.federated", s.federatedDevices().p10(), "f1"));
        m.add(new Metric("quality.device_f1_p10.centralized", s.centralizedDevices().p10(), "f1"));
        m.add(new Metric("quality.device_f1_p10.local_only", s.localOnlyDevices().p10(), "f1"));
        m.add(new Metric("quality.device_f1_median.federated", s.federatedDevices().median(), "f1"));
        m.add(new Metric("quality.device_f1_median.centralized", s.centralizedDevices().median(), "f1"));
        m.add(new Metric("quality.device_f1_median.local_only", s.localOnlyDevices().median(), "f1"));
        m.add(new Metric("quality.roc_auc.federated", r.federated().verdicts().auc(), "auc"));
        m.add(new Metric("quality.roc_auc.centralized", r.centralized().auc(), "auc"));
        m.add(new Metric("quality.rounds_to_within_2pp", r.roundsToWithin2pp(), "rounds"));
        m.add(new Metric("quality.f1.centralized_iid", r.centralizedIid().f1(), "f1"));
        m.add(new Metric("quality.f1.federated_iid", r.federatedIid().verdicts().f1(), "f1"));
        m.add(new Metric("quality.f1_gap_pp_iid", r.gapIidPp(), "pp"));
        m.add(new Metric("quality.roc_auc.federated_iid", r.federatedIid().verdicts().auc(), "auc"));
        m.add(new Metric("quality.f1.local_only_iid", r.localOnlyIid().f1(), "f1"));
        m.add(new Metric("quality.f1.attack.fedavg", r.attackFedavg().verdicts().f1(), "f1"));
        m.add(new Metric("quality.f1.attack.robust", r.attackRobust().verdicts().f1(), "f1"));
        m.add(new Metric("quality.f1.attack.robust_drop_pp",
            100 * (r.federated().verdicts().f1() - r.attackRobust().verdicts().f1()), "pp"));
        m.add(new Metric("quality.f1.attack.clipped_fedavg", r.attackClipped().verdicts().f1(), "f1"));
        m.add(new Metric("quality.roc_auc.attack.robust", r.attackRobust().verdicts().auc(), "auc"));
        m.add(new Metric("quality.poison.rejected", r.poison().reasons().size(), "updates"));
        m.add(new Metric("quality.poison.all_rejected_with_reason", r.poison().allRejectedWithReasons() ? 1 : 0, "bool"));
        m.add(new Metric("quality.poison.round_completed", r.poison().roundCompleted() ? 1 : 0, "bool"));
        return m;
    }

    private void trace(String arm, FederatedArm.Result result) {
        StringBuilder line = new StringBuilder(arm).append(" f1 by round:");
        for (FederatedArm.RoundPoint p : result.trace()) {
            line.append(String.format(Locale.ROOT, " %d:%.4f", p.round(), p.f1()));
        }
        out.println(line);
    }

    void print(Metric m) {
        out.printf(Locale.ROOT, "metric %s %s %s%n", m.name(), format(m.value()), m.unit());
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
