package io.flead.bench.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows that choose settings without touching any row a figure is measured on. The tuning fleet is the
 * training rows of the devices that train in every split: the unseen-devices split's left-out devices and the
 * new-kind split's left-out kind are dropped whole, and no held-out row is ever read. Within it, each device's
 * last {@link #SHARE} of training rows is its validation rows and the rest is what an arm trains on, just as
 * the held-out rows are each device's next rows: every arm, local-only included, can then be scored on
 * validation rows of the devices it trained on.
 */
public final class ValidationSplit {
    /** Share of each tuning device's training rows (its last ones) kept to validate on. */
    public static final double SHARE = 0.2;

    private ValidationSplit() {
    }

    /**
     * The tuning fleet as a {@link FleetData}: {@code train} is each device's first training rows, {@code holdout}
     * its last {@link #SHARE} of them. Devices with fewer than 5 training rows are left out (nothing to split).
     */
    public static FleetData of(FleetData data, Map<String, String> kinds, long seed) {
        Set<String> excluded = excludedDevices(data, kinds, seed);
        List<DeviceRows> kept = data.train().stream().filter(d -> !excluded.contains(d.deviceId())).toList();
        return split(kept, data.featureNames());
    }

    /** Every given device's first training rows as {@code train}, its last {@link #SHARE} as {@code holdout}. */
    static FleetData split(List<DeviceRows> devices, List<String> featureNames) {
        List<DeviceRows> fit = new ArrayList<>();
        List<DeviceRows> validate = new ArrayList<>();
        for (DeviceRows dev : devices) {
            if (dev.n() < 5) {
                continue;
            }
            int cut = dev.n() - (int) Math.max(1, Math.round(SHARE * dev.n()));
            boolean[] head = new boolean[dev.n()];
            boolean[] tail = new boolean[dev.n()];
            for (int i = 0; i < dev.n(); i++) {
                head[i] = i < cut;
                tail[i] = i >= cut;
            }
            fit.add(dev.select(head));
            validate.add(dev.select(tail));
        }
        if (fit.isEmpty()) {
            throw new IllegalArgumentException("no device with at least 5 training rows is left to validate on");
        }
        return new FleetData(featureNames, fit, validate);
    }

    /** The devices some split tests on: the unseen-devices share and, when kinds are known, the left-out kind. */
    static Set<String> excludedDevices(FleetData data, Map<String, String> kinds, long seed) {
        Set<String> out = new java.util.HashSet<>();
        data.holdOutDevices(QualityHarness.UNSEEN_DEVICE_SHARE, seed).unseen().forEach(d -> out.add(d.deviceId()));
        if (!kinds.isEmpty()) {
            String kind = DeviceKinds.heldOut(kinds, seed);
            data.train().stream().filter(d -> kind.equals(kinds.get(d.deviceId()))).forEach(d -> out.add(d.deviceId()));
        }
        return out;
    }
}
