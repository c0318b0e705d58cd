package io.flead.datagen;

import java.util.List;

/**
 * Everything fixed about one simulated device: its kind, addresses, baseline traffic parameters, exposed
 * attacks and their rate, and its drift plan (null when it does not drift).
 */
record DeviceProfile(
    int number,
    DeviceKind kind,
    String ip,
    String peerIp,
    String gatewayIp,
    String attackerIp,
    List<String> spoofIps,
    List<AttackType> attacks,
    double attackShare,
    double normalGapMicros,
    double[] packetCumulative,
    double payloadMean,
    double payloadSd,
    String topic,
    int unitId,
    double modbusRegisters,
    double httpContentMean,
    List<String> dnsNames,
    int servicePort,
    long startMicros,
    DriftPlan drift,
    HardTraits hard) {

    /** The device id, which is also the file's base name: {@code device_<n>}. */
    String id() {
        return "device_" + number;
    }

    /** Rows in this device's training file: the configured count, or its own under {@link Difficulty#HARD}. */
    int trainingRows(int configuredRows) {
        return hard == null ? configuredRows : hard.trainingRows();
    }

    /** Draws one of this device's attack types: uniformly, or by its own weights under {@link Difficulty#HARD}. */
    AttackType pickAttack(java.util.SplittableRandom rng) {
        return hard == null ? Randoms.pick(rng, attacks) : hard.pickAttack(rng, attacks);
    }

    boolean attackFree() {
        return attacks.isEmpty();
    }

    /** Draws an ordinary packet kind from this device's own mix. */
    NormalPacket drawPacket(double uniform) {
        NormalPacket[] packets = NormalPacket.values();
        for (int i = 0; i < packets.length; i++) {
            if (uniform < packetCumulative[i]) {
                return packets[i];
            }
        }
        return NormalPacket.TCP_ACK;
    }
}
