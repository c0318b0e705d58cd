package io.flead.bench.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * The novel-attack split: for each device, the held-out attack rows whose attack type the device never showed in
 * its own training rows. A device's own model has never seen such an attack; a federated one may have learned it
 * from other devices.
 */
public final class NovelAttacks {
    private NovelAttacks() {
    }

    /** Per device (in device order), its held-out attack rows of a type absent from its training attack rows. */
    public static List<DeviceRows> rows(FleetData data) {
        List<DeviceRows> out = new ArrayList<>(data.train().size());
        for (int k = 0; k < data.train().size(); k++) {
            boolean[] seen = typesSeen(data.train().get(k));
            DeviceRows holdout = data.holdout().get(k);
            boolean[] keep = new boolean[holdout.n()];
            for (int i = 0; i < holdout.n(); i++) {
                int t = holdout.type()[i];
                keep[i] = holdout.y()[i] == 1 && t > 0 && !seen[t];
            }
            out.add(holdout.select(keep));
        }
        return out;
    }

    /** The attack types among a device's training rows labelled attack. */
    static boolean[] typesSeen(DeviceRows train) {
        boolean[] seen = new boolean[AttackTypes.NAMES.size()];
        for (int i = 0; i < train.n(); i++) {
            if (train.y()[i] == 1 && train.type()[i] > 0) {
                seen[train.type()[i]] = true;
            }
        }
        return seen;
    }

    public static long count(List<DeviceRows> novel) {
        return novel.stream().mapToLong(DeviceRows::n).sum();
    }
}
