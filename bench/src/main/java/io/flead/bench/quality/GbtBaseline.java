package io.flead.bench.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gradient-boosted-trees baseline ({@link GbtArm}) on every split the harness has: the held-out rows, the
 * devices that never train ({@link QualityHarness#UNSEEN_DEVICE_SHARE}, the same seeded choice), the attack
 * types new to a device ({@link NovelAttacks}) and the device kind absent from training ({@link DeviceKinds}).
 *
 * @param heldOut        trained on every training row, on every held-out row
 * @param unseenF1       trained without the unseen devices, on all their rows
 * @param novelRecall    the first model's recall on held-out attacks of a type new to their device (NaN: none)
 * @param newKind        the left-out kind (null when the kinds are not known)
 * @param newKindF1      trained without that kind, on all its devices' rows
 */
public record GbtBaseline(Verdicts heldOut, double unseenF1, double novelRecall, String newKind, double newKindF1) {

    public static GbtBaseline run(FleetData data, Map<String, String> kinds, HarnessConfig config,
                                  GbtArm.Settings settings) {
        GbtArm.Model all = GbtArm.train(data.train(), settings, config.threads(), config.seed());
        try {
            Verdicts heldOut = all.evaluate(data.holdout());
            List<DeviceRows> novel = NovelAttacks.rows(data);
            double novelRecall = NovelAttacks.count(novel) == 0 ? Double.NaN : all.evaluate(novel).eval().recall();
            FleetData.DeviceSplit split = data.holdOutDevices(QualityHarness.UNSEEN_DEVICE_SHARE, config.seed());
            double unseenF1 = trainedWithout(split, settings, config);
            String kind = kinds.isEmpty() ? null : DeviceKinds.heldOut(kinds, config.seed());
            double kindF1 = kind == null ? Double.NaN : trainedWithout(data.holdOutKind(kinds, kind), settings, config);
            return new GbtBaseline(heldOut, unseenF1, novelRecall, kind, kindF1);
        } finally {
            all.booster().dispose();
        }
    }

    private static double trainedWithout(FleetData.DeviceSplit split, GbtArm.Settings settings, HarnessConfig config) {
        GbtArm.Model model = GbtArm.train(split.seen().train(), settings, config.threads(), config.seed());
        try {
            return model.evaluate(split.unseen()).f1();
        } finally {
            model.booster().dispose();
        }
    }

    /** The figures, named as the other arms' are, with the logistic centralised F1 for the comparison. */
    public List<QualityPrinter.Metric> metrics(double centralizedF1) {
        List<QualityPrinter.Metric> m = new ArrayList<>();
        m.add(new QualityPrinter.Metric("quality.gbt.f1", heldOut.f1(), "f1"));
        m.add(new QualityPrinter.Metric("quality.roc_auc.gbt", heldOut.auc(), "auc"));
        m.add(new QualityPrinter.Metric("quality.gbt.over_centralized_pp", 100 * (heldOut.f1() - centralizedF1), "pp"));
        m.add(new QualityPrinter.Metric("quality.unseen_devices.gbt.f1", unseenF1, "f1"));
        m.add(new QualityPrinter.Metric("quality.novel_attack.recall.gbt", novelRecall, "recall"));
        m.add(new QualityPrinter.Metric("quality.new_kind.gbt.f1", newKindF1, "f1"));
        return m;
    }
}
