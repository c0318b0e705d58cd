package io.flead.bench.quality;

import io.flead.model.GlobalModel;
import java.util.Arrays;
import java.util.List;

/**
 * The spread of F1 over devices: each device's F1 on its own held-out rows, over the devices with at least one
 * attack among them (F1 means nothing on a device without attacks), as the 10th percentile and the median.
 */
public record DeviceF1(double p10, double median, int devices) {

    /** One model on every device. */
    public static DeviceF1 of(GlobalModel model, List<DeviceRows> devices) {
        return of(devices.stream().filter(d -> d.positives() > 0)
            .mapToDouble(d -> HoldoutEvaluator.evaluate(model, List.of(d)).f1()).toArray());
    }

    /** Each device's own model on its own rows. */
    public static DeviceF1 ofEach(List<GlobalModel> models, List<DeviceRows> devices) {
        double[] f1 = new double[devices.size()];
        int m = 0;
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).positives() > 0) {
                f1[m++] = HoldoutEvaluator.evaluate(models.get(i), List.of(devices.get(i))).f1();
            }
        }
        return of(Arrays.copyOf(f1, m));
    }

    /** Nearest-rank percentiles of the given per-device figures. */
    static DeviceF1 of(double[] f1) {
        if (f1.length == 0) {
            return new DeviceF1(Double.NaN, Double.NaN, 0);
        }
        double[] sorted = f1.clone();
        Arrays.sort(sorted);
        return new DeviceF1(rank(sorted, 0.10), rank(sorted, 0.50), sorted.length);
    }

    private static double rank(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
