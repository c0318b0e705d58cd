package io.flead.datagen;

import static io.flead.datagen.AttackType.BACKDOOR;
import static io.flead.datagen.AttackType.DDOS_HTTP;
import static io.flead.datagen.AttackType.DDOS_ICMP;
import static io.flead.datagen.AttackType.DDOS_TCP;
import static io.flead.datagen.AttackType.DDOS_UDP;
import static io.flead.datagen.AttackType.FINGERPRINTING;
import static io.flead.datagen.AttackType.MITM;
import static io.flead.datagen.AttackType.PASSWORD;
import static io.flead.datagen.AttackType.PORT_SCANNING;
import static io.flead.datagen.AttackType.RANSOMWARE;
import static io.flead.datagen.AttackType.SQL_INJECTION;
import static io.flead.datagen.AttackType.UPLOADING;
import static io.flead.datagen.AttackType.VULNERABILITY_SCANNER;
import static io.flead.datagen.AttackType.XSS;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A kind of IIoT device with its own traffic mix, packet rate, exposed attacks and drift-prone features. */
public enum DeviceKind {
    MQTT_SENSOR(0.30, 300, 3000,
        mix(NormalPacket.MQTT_PUBLISH, 50, NormalPacket.MQTT_CONTROL, 8, NormalPacket.TCP_ACK, 22,
            NormalPacket.DNS, 8, NormalPacket.ARP, 6, NormalPacket.ICMP, 6),
        List.of(DDOS_UDP, DDOS_ICMP, DDOS_TCP, PORT_SCANNING, FINGERPRINTING, MITM, PASSWORD, BACKDOOR),
        List.of("mqtt.len", "tcp.len")),
    MODBUS_CONTROLLER(0.20, 100, 1000,
        mix(NormalPacket.MODBUS, 58, NormalPacket.TCP_ACK, 22, NormalPacket.DNS, 5, NormalPacket.ARP, 9,
            NormalPacket.ICMP, 6),
        List.of(DDOS_UDP, DDOS_ICMP, DDOS_TCP, PORT_SCANNING, FINGERPRINTING, MITM, PASSWORD, RANSOMWARE, BACKDOOR),
        List.of("mbtcp.len", "tcp.len")),
    HTTP_CAMERA(0.20, 50, 500,
        mix(NormalPacket.HTTP_REQUEST, 18, NormalPacket.HTTP_RESPONSE, 22, NormalPacket.TCP_ACK, 35,
            NormalPacket.TLS, 8, NormalPacket.DNS, 7, NormalPacket.ARP, 5, NormalPacket.ICMP, 5),
        List.of(DDOS_UDP, DDOS_ICMP, DDOS_TCP, DDOS_HTTP, SQL_INJECTION, XSS, UPLOADING, VULNERABILITY_SCANNER,
            PORT_SCANNING, FINGERPRINTING, MITM, PASSWORD, BACKDOOR, RANSOMWARE),
        List.of("tcp.len", "http.content_length")),
    DNS_GATEWAY(0.10, 200, 2000,
        mix(NormalPacket.DNS, 45, NormalPacket.TLS, 20, NormalPacket.TCP_ACK, 15, NormalPacket.ARP, 10,
            NormalPacket.ICMP, 10),
        List.of(DDOS_UDP, DDOS_ICMP, DDOS_TCP, PORT_SCANNING, FINGERPRINTING, MITM, PASSWORD, VULNERABILITY_SCANNER,
            UPLOADING),
        List.of("dns.qry.name.len", "udp.time_delta", "tcp.len")),
    EDGE_HUB(0.20, 100, 1500,
        mix(NormalPacket.MQTT_PUBLISH, 20, NormalPacket.MODBUS, 15, NormalPacket.HTTP_REQUEST, 8,
            NormalPacket.HTTP_RESPONSE, 8, NormalPacket.TCP_ACK, 20, NormalPacket.DNS, 12, NormalPacket.ARP, 8,
            NormalPacket.ICMP, 9),
        List.of(AttackType.values()).subList(1, AttackType.values().length),
        List.of("tcp.len", "mqtt.len", "mbtcp.len"));

    private final double fleetShare;
    private final int minGapMillis;
    private final int maxGapMillis;
    private final Map<NormalPacket, Integer> mix;
    private final List<AttackType> exposedAttacks;
    private final List<String> driftFeatures;

    DeviceKind(double fleetShare, int minGapMillis, int maxGapMillis, Map<NormalPacket, Integer> mix,
               List<AttackType> exposedAttacks, List<String> driftFeatures) {
        this.fleetShare = fleetShare;
        this.minGapMillis = minGapMillis;
        this.maxGapMillis = maxGapMillis;
        this.mix = mix;
        this.exposedAttacks = exposedAttacks;
        this.driftFeatures = driftFeatures;
    }

    /** Share of the fleet that is of this kind. */
    double fleetShare() {
        return fleetShare;
    }

    /** Shortest mean gap between a device's ordinary packets, in milliseconds. */
    int minGapMillis() {
        return minGapMillis;
    }

    /** Longest mean gap between a device's ordinary packets, in milliseconds. */
    int maxGapMillis() {
        return maxGapMillis;
    }

    /** Relative weight of each ordinary packet kind (absent kinds weigh 0). */
    int weightOf(NormalPacket packet) {
        return mix.getOrDefault(packet, 0);
    }

    /** The attacks devices of this kind can suffer. */
    List<AttackType> exposedAttacks() {
        return exposedAttacks;
    }

    /** The numeric columns a drift may shift on devices of this kind. */
    List<String> driftFeatures() {
        return driftFeatures;
    }

    private static Map<NormalPacket, Integer> mix(Object... pairs) {
        Map<NormalPacket, Integer> map = new EnumMap<>(NormalPacket.class);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((NormalPacket) pairs[i], (Integer) pairs[i + 1]);
        }
        return map;
    }
}
