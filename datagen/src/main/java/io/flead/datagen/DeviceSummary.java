package io.flead.datagen;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was written for one device.
 *
 * @param deviceId         {@code device_<n>}, also the files' base name
 * @param kind             the device kind
 * @param trainingFile     path of the training file, relative to the output directory
 * @param holdoutFile      path of the held-out file, relative to the output directory (null without holdout)
 * @param trainingRows     data rows in the training file
 * @param holdoutRows      data rows in the held-out file
 * @param trainingLabels   rows per {@code Attack_type} in the training file (types with rows only)
 * @param holdoutLabels    rows per {@code Attack_type} in the held-out file (types with rows only)
 * @param attacks          attack types this device can suffer (empty for attack-free devices)
 * @param firstTime        {@code frame.time} of the first training row
 * @param lastTime         {@code frame.time} of the last row written (held-out if any)
 * @param drift            the device's drift, or null
 */
public record DeviceSummary(String deviceId, DeviceKind kind, String trainingFile, String holdoutFile,
                            int trainingRows, int holdoutRows, Map<String, Integer> trainingLabels,
                            Map<String, Integer> holdoutLabels, List<String> attacks, Instant firstTime,
                            Instant lastTime, DeviceDrift drift) {

    public DeviceSummary {
        trainingLabels = Collections.unmodifiableMap(new LinkedHashMap<>(trainingLabels));
        holdoutLabels = Collections.unmodifiableMap(new LinkedHashMap<>(holdoutLabels));
        attacks = List.copyOf(attacks);
    }

    /** True when no attack is ever planned on this device (its labels are all {@code Normal}). */
    public boolean attackFree() {
        return attacks.isEmpty();
    }

    /** Training rows labelled as an attack ({@code Attack_label} = 1). */
    public int trainingAttackRows() {
        return trainingRows - trainingLabels.getOrDefault(AttackType.NORMAL.label(), 0);
    }

    /** Held-out rows labelled as an attack. */
    public int holdoutAttackRows() {
        return holdoutRows - holdoutLabels.getOrDefault(AttackType.NORMAL.label(), 0);
    }
}
