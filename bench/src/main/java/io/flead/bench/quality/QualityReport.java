package io.flead.bench.quality;

import java.util.List;

/** Every figure of one harness run. */
public record QualityReport(Verdicts centralized, FederatedArm.Result federated, Verdicts localOnly,
                            Verdicts centralizedIid, FederatedArm.Result federatedIid, Verdicts localOnlyIid,
                            FederatedArm.Result attackFedavg, FederatedArm.Result attackRobust,
                            FederatedArm.Result attackClipped, PoisonCheck.Result poison, Baselines baselines, SplitReport splits,
                            long trainRows, long holdoutRows, int devices) {

    public java.util.List<String> featureNames() {
        return federated.model().featureNames();
    }

    public double gapPp() {
        return 100 * (centralized.f1() - federated.verdicts().f1());
    }

    public double gapIidPp() {
        return 100 * (centralizedIid.f1() - federatedIid.verdicts().f1());
    }

    /** The first round whose global model is within 2 pp of the centralised F1, or -1 when none was. */
    public long roundsToWithin2pp() {
        return firstWithin(federated.trace(), centralized.f1(), 0.02);
    }

    static long firstWithin(List<FederatedArm.RoundPoint> trace, double target, double tolerance) {
        for (FederatedArm.RoundPoint p : trace) {
            if (p.f1() >= target - tolerance) {
                return p.round();
            }
        }
        return -1;
    }
}
