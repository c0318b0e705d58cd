package io.flead.bench.quality;

/**
 * The figures of the splits that ask what federation is for: per-device F1 spread of each arm, recall on attack
 * types new to a device, and F1 on devices that never trained.
 *
 * @param novelRows          held-out attack rows of a type new to their device
 * @param unseenDevices      devices left out of training
 * @param seenF1             federated F1 (trained without the unseen devices) on the seen devices' held-out rows
 * @param unseenF1           the same model's F1 on every row of the unseen devices
 * @param unseenCentralizedF1 centralised training without the unseen devices, on their rows
 * @param unseenRulesF1      the signature rules on the unseen devices' rows
 * @param unseenSingleFeatureF1 the best single-feature threshold chosen without the unseen devices, on their rows
 * @param novelRecallRules   the signature rules' recall on the novel-attack rows
 * @param novelRecallSingleFeature the single-feature threshold's recall on them
 * @param newKind            the device kind left out of training (null when the kinds are not known)
 * @param newKindSeenF1      federated F1, trained without that kind, on the other devices' held-out rows
 * @param newKindF1          the same model's F1 on every row of the left-out kind's devices
 */
public record SplitReport(DeviceF1 federatedDevices, DeviceF1 centralizedDevices, DeviceF1 localOnlyDevices,
                          long novelRows, double novelRecallFederated, double novelRecallLocalOnly,
                          double novelRecallCentralized, int unseenDevices, double seenF1, double unseenF1,
                          double unseenCentralizedF1, double unseenRulesF1, double unseenSingleFeatureF1,
                          double novelRecallRules, double novelRecallSingleFeature, String newKind,
                          double newKindSeenF1, double newKindF1) {

    /** How much worse, in points, federated F1 is on devices that never trained than on those that did. */
    public double unseenGapPp() {
        return 100 * (seenF1 - unseenF1);
    }

    /** How much worse, in points, federated F1 is on a device kind absent from training than on the kinds present. */
    public double newKindGapPp() {
        return 100 * (newKindSeenF1 - newKindF1);
    }
}
