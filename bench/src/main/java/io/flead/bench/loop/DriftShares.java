package io.flead.bench.loop;

import java.util.Collection;
import java.util.Set;

/**
 * How many demo devices drift-check raised an alert-severity drift alert on, clean and drifting devices apart (pure).
 *
 * @param cleanDevices     demo devices generated without drift
 * @param cleanAlerted     of those, devices with at least one alert-severity drift alert
 * @param driftingDevices  demo devices generated with drift (datagen's manifest names them)
 * @param driftingAlerted  of those, devices with at least one alert-severity drift alert
 */
record DriftShares(int cleanDevices, int cleanAlerted, int driftingDevices, int driftingAlerted) {

    /**
     * @param alerted  devices with an alert-severity drift alert
     * @param devices  every demo device
     * @param drifting the demo devices generated with drift
     */
    static DriftShares of(Set<String> alerted, Collection<String> devices, Set<String> drifting) {
        int clean = 0;
        int cleanAlerted = 0;
        int drift = 0;
        int driftAlerted = 0;
        for (String device : devices) {
            boolean alert = alerted.contains(device);
            if (drifting.contains(device)) {
                drift++;
                driftAlerted += alert ? 1 : 0;
            } else {
                clean++;
                cleanAlerted += alert ? 1 : 0;
            }
        }
        return new DriftShares(clean, cleanAlerted, drift, driftAlerted);
    }

    /** Share of clean devices alerted, NaN without clean devices. */
    double clean() {
        return cleanDevices == 0 ? Double.NaN : (double) cleanAlerted / cleanDevices;
    }

    /** Share of drifting devices alerted, NaN without drifting devices. */
    double drifting() {
        return driftingDevices == 0 ? Double.NaN : (double) driftingAlerted / driftingDevices;
    }

    /** The shares of several runs pooled: devices and alerted devices summed. */
    static DriftShares pooled(Collection<DriftShares> runs) {
        return new DriftShares(runs.stream().mapToInt(DriftShares::cleanDevices).sum(),
            runs.stream().mapToInt(DriftShares::cleanAlerted).sum(),
            runs.stream().mapToInt(DriftShares::driftingDevices).sum(),
            runs.stream().mapToInt(DriftShares::driftingAlerted).sum());
    }
}
