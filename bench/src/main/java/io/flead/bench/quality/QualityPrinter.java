package io.flead.bench.quality;

import java.io.PrintStream;
import java.util.Locale;

/** Prints a {@link QualityReport} as {@code metric <name> <value> <unit>} lines plus the per-round trace. */
public final class QualityPrinter {
    private final PrintStream out;

    public QualityPrinter(PrintStream out) {
        this.out = out;
    }

    public void print(QualityReport r) {
        trace("federated", r.federated());
        trace("federated-iid", r.federatedIid());
        trace("attack-fedavg", r.attackFedavg());
        trace("attack-robust", r.attackRobust());
        trace("attack-clipped-fedavg", r.attackClipped());
        out.printf(Locale.ROOT, "data: %d devices, %d training rows, %d held-out rows; federated rounds: %d%n",
            r.devices(), r.trainRows(), r.holdoutRows(), r.federated().trace().size());
        metric("quality.f1.centralized", r.centralized().f1(), "f1");
        metric("quality.f1.federated", r.federated().verdicts().f1(), "f1");
        metric("quality.f1_gap_pp", r.gapPp(), "pp");
        metric("quality.roc_auc.federated", r.federated().verdicts().auc(), "auc");
        metric("quality.roc_auc.centralized", r.centralized().auc(), "auc");
        metric("quality.rounds_to_within_2pp", r.roundsToWithin2pp(), "rounds");
        metric("quality.f1.local_only", r.localOnly().f1(), "f1");
        metric("quality.f1.centralized_iid", r.centralizedIid().f1(), "f1");
        metric("quality.f1.federated_iid", r.federatedIid().verdicts().f1(), "f1");
        metric("quality.f1_gap_pp_iid", r.gapIidPp(), "pp");
        metric("quality.roc_auc.federated_iid", r.federatedIid().verdicts().auc(), "auc");
        metric("quality.f1.local_only_iid", r.localOnlyIid().f1(), "f1");
        metric("quality.f1.attack.fedavg", r.attackFedavg().verdicts().f1(), "f1");
        metric("quality.f1.attack.robust", r.attackRobust().verdicts().f1(), "f1");
        metric("quality.f1.attack.robust_drop_pp",
            100 * (r.federated().verdicts().f1() - r.attackRobust().verdicts().f1()), "pp");
        metric("quality.f1.attack.clipped_fedavg", r.attackClipped().verdicts().f1(), "f1");
        metric("quality.roc_auc.attack.robust", r.attackRobust().verdicts().auc(), "auc");
        metric("quality.poison.rejected", r.poison().reasons().size(), "updates");
        metric("quality.poison.all_rejected_with_reason", r.poison().allRejectedWithReasons() ? 1 : 0, "bool");
        metric("quality.poison.round_completed", r.poison().roundCompleted() ? 1 : 0, "bool");
        r.poison().reasons().forEach((id, reason) -> out.println("poison rejected " + id + ": " + reason));
    }

    private void trace(String arm, FederatedArm.Result result) {
        StringBuilder line = new StringBuilder(arm).append(" f1 by round:");
        for (FederatedArm.RoundPoint p : result.trace()) {
            line.append(String.format(Locale.ROOT, " %d:%.4f", p.round(), p.f1()));
        }
        out.println(line);
    }

    private void metric(String name, double value, String unit) {
        out.printf(Locale.ROOT, "metric %s %s %s%n", name, format(value), unit);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
