package io.flead.bench.quality;

import io.flead.model.Eval;
import java.util.List;

/** A fixed yes/no verdict per row, for the baselines that are not a scored model. */
public interface RowClassifier {
    /** True when row {@code i} of {@code device} is called an attack. */
    boolean isAttack(DeviceRows device, int i);

    /** The summed confusion counts of this classifier on every row of the given devices. */
    default Eval evaluate(List<DeviceRows> devices) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (DeviceRows device : devices) {
            for (int i = 0; i < device.n(); i++) {
                boolean predicted = isAttack(device, i);
                boolean attack = device.y()[i] == 1;
                if (predicted) {
                    if (attack) {
                        tp++;
                    } else {
                        fp++;
                    }
                } else if (attack) {
                    fn++;
                } else {
                    tn++;
                }
            }
        }
        return Eval.counts(tp, fp, tn, fn);
    }
}
