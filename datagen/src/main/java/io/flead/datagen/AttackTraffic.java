package io.flead.datagen;

import static io.flead.datagen.EdgeIiotSchema.*;
import static io.flead.datagen.PacketShapes.ACK;
import static io.flead.datagen.PacketShapes.FIN;
import static io.flead.datagen.PacketShapes.PSH;
import static io.flead.datagen.PacketShapes.RST;
import static io.flead.datagen.PacketShapes.SYN;

import java.util.SplittableRandom;

/**
 * Attack traffic against one device: each attack type shifts its own features, more or less strongly
 * depending on the episode's severity (0..1), so mild attacks overlap with ordinary traffic.
 */
final class AttackTraffic {

    private static final String[] SQL_QUERIES = {
        "id=1%27%20OR%20%271%27%3D%271", "user=admin%27--", "id=1%20UNION%20SELECT%20username%20password%20FROM%20users",
        "q=1%27%3B%20DROP%20TABLE%20logs--", "id=sleep(5)", "cat=1%20AND%201%3D1"};
    private static final String[] XSS_QUERIES = {
        "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "name=%3Cimg%20src%3Dx%20onerror%3Dalert(document.cookie)%3E",
        "search=%3Csvg%2Fonload%3Dalert(1)%3E", "msg=%22%3E%3Cscript%3Efetch(%27%2F%2Fevil.example%27)%3C%2Fscript%3E"};
    private static final String[] SCANNED_PATHS = {
        "/admin/config.php", "/.env", "/phpmyadmin/index.php", "/cgi-bin/test.cgi", "/wp-login.php",
        "/server-status", "/.git/HEAD", "/HNAP1/", "/setup.cgi", "/manager/html"};
    private static final String[] SPOOFED_NAMES = {
        "login.microsoftonline.com.account-verify.net", "accounts.google.com.security-check.info",
        "firmware.vendor-iot.net.update-server.xyz", "broker.hivemq.com.mqtt-relay.top"};
    private static final String[] SCAN_METHODS = {"GET", "HEAD", "OPTIONS", "PROPFIND", "GET"};
    private static final int[] SCANNER_PORTS = {80, 8080, 443, 8443, 8000, 8888};
    private static final int[] BACKDOOR_PORTS = {4444, 31337, 6667, 1337, 5555};
    private static final int[] LOGIN_PORTS = {21, 22, 23, 80};
    // nmap-style OS probes: Xmas (FIN|PSH|URG), SYN with ECE|CWR, ACK|URG|ECE, SYN|FIN|URG|PSH and FIN scans
    private static final int[] PROBE_FLAGS = {FIN | PSH | 32, SYN | 64 | 128, ACK | 32 | 64, SYN | FIN | PSH | 32, FIN | PSH | 32, FIN};

    private final DeviceProfile profile;
    private final DeviceState state;
    private final SplittableRandom rng;

    AttackTraffic(DeviceProfile profile, DeviceState state, SplittableRandom rng) {
        this.profile = profile;
        this.state = state;
        this.rng = rng;
    }

    /** Microseconds until the next packet of this attack: floods are fast, probes slower, mild ones slower still. */
    long gapMicros(AttackType type, double severity) {
        double calm = 1.0 - severity;
        double mean = switch (type) {
            case DDOS_UDP, DDOS_ICMP, DDOS_TCP -> 400 + calm * 40_000;
            case DDOS_HTTP, RANSOMWARE, UPLOADING -> 3_000 + calm * 60_000;
            case PORT_SCANNING -> 1_000 + calm * 30_000;
            case FINGERPRINTING, PASSWORD -> 60_000 + calm * 200_000;
            case SQL_INJECTION, XSS, VULNERABILITY_SCANNER -> 100_000 + calm * 300_000;
            default -> profile.normalGapMicros() * 0.6;
        };
        return 1 + (long) Randoms.exponential(rng, Math.min(mean, profile.normalGapMicros()));
    }

    /** Fills the row with one packet of the attack. */
    void fill(PacketRow row, AttackType type, double severity) {
        switch (type) {
            case DDOS_UDP -> udpFlood(row, severity);
            case DDOS_ICMP -> icmpFlood(row);
            case DDOS_TCP -> synFlood(row, severity);
            case DDOS_HTTP -> httpFlood(row, severity);
            case SQL_INJECTION -> injection(row, severity, SQL_QUERIES, 150);
            case XSS -> injection(row, severity, XSS_QUERIES, 200);
            case PASSWORD -> password(row, severity);
            case VULNERABILITY_SCANNER -> vulnerabilityScan(row);
            case UPLOADING -> upload(row, severity);
            case BACKDOOR -> backdoor(row, severity);
            case PORT_SCANNING -> portScan(row);
            case RANSOMWARE -> ransomware(row, severity);
            case MITM -> arpSpoof(row);
            case FINGERPRINTING -> fingerprint(row);
            case NORMAL -> throw new IllegalArgumentException("Normal is not an attack");
        }
    }

    private String spoofed() {
        return Randoms.pick(rng, profile.spoofIps());
    }

    private void udpFlood(PacketRow row, double severity) {
        PacketShapes.ip(row, spoofed(), profile.ip());
        int port = rng.nextDouble() < 0.1 * (1 - severity) ? 53 : 1 + rng.nextInt(65535);
        PacketShapes.udp(row, port, state.udpStream + 1 + rng.nextInt(2000), state.udpTimeDelta());
    }

    private void icmpFlood(PacketRow row) {
        PacketShapes.ip(row, spoofed(), profile.ip());
        PacketShapes.icmp(row, rng.nextInt(65536), rng.nextInt(65536), 0);
    }

    private void synFlood(PacketRow row, double severity) {
        PacketShapes.ip(row, spoofed(), profile.ip());
        int len = rng.nextDouble() < severity ? 0 : rng.nextInt(120);
        PacketShapes.tcp(row, rng, 1024 + rng.nextInt(64511), profile.servicePort(), SYN, len, 0, 0);
    }

    private void httpFlood(PacketRow row, double severity) {
        PacketShapes.ip(row, spoofed(), profile.ip());
        // floods with randomised query strings and headers (HULK-style) make requests longer than usual
        PacketShapes.tcp(row, rng, 1024 + rng.nextInt(64511), 80, PSH | ACK,
            (int) Randoms.gaussianInt(rng, 400 + 400 * severity, 60, 60, 1448), 1, 1);
        PacketShapes.httpRequest(row, "GET", profile.ip(), "/", "0");
    }

    private void injection(PacketRow row, double severity, String[] queries, int extraLen) {
        boolean request = rng.nextDouble() < 0.85;
        int len;
        if (request) {
            len = (int) Randoms.gaussianInt(rng, 300 + extraLen * (0.5 + 2.5 * severity), 60, 80, 1448);
        } else {
            len = (int) Randoms.gaussianInt(rng, 600, 300, 60, 1448);
        }
        attackerSegment(row, 80, PSH | ACK, len, request);
        if (request) {
            PacketShapes.httpRequest(row, rng.nextInt(4) == 0 ? "POST" : "GET", profile.ip(), "/index.php",
                Randoms.pick(rng, queries));
            row.text(HTTP_REFERER, "http://" + profile.ip() + "/index.php");
        } else {
            PacketShapes.httpResponse(row, 300 + rng.nextInt(3000), rng.nextBoolean() ? "error=syntax" : "0");
        }
    }

    private void password(PacketRow row, double severity) {
        if (profile.servicePort() == 1883 && rng.nextBoolean()) {
            mqttLogin(row);
            return;
        }
        int port = LOGIN_PORTS[rng.nextInt(LOGIN_PORTS.length)];
        int pick = rng.nextInt(100);
        int flags = pick < 20 ? SYN : pick < 40 ? RST | ACK : pick < 50 ? FIN | ACK : PSH | ACK;
        int len = (flags & PSH) != 0 ? (int) Randoms.gaussianInt(rng, 20 + 30 * severity, 10, 1, 200) : 0;
        attackerSegment(row, port, flags, len, pick >= 50);
        if (port == 80 && len > 0) {
            PacketShapes.httpRequest(row, "POST", profile.ip(), "/login", "0");
            row.set(HTTP_CONTENT_LENGTH, len);
        }
    }

    private void mqttLogin(PacketRow row) {
        boolean connect = rng.nextBoolean();
        int len = connect ? 30 + rng.nextInt(30) : 2;
        attackerSegment(row, 1883, PSH | ACK, len + 2, connect);
        PacketShapes.mqtt(row, connect ? 1 : 2, connect ? 16 : 32, len);
        if (connect) {
            PacketShapes.mqttConnect(row, 194);
        } else {
            row.set(MQTT_CONACK_FLAGS, 0);
        }
    }

    private void vulnerabilityScan(PacketRow row) {
        boolean request = rng.nextDouble() < 0.85;
        int port = SCANNER_PORTS[rng.nextInt(SCANNER_PORTS.length)];
        // scanner requests carry long probe paths and tool headers
        attackerSegment(row, port, PSH | ACK, request ? 380 + rng.nextInt(300) : 150 + rng.nextInt(250), request);
        if (request) {
            PacketShapes.httpRequest(row, Randoms.pick(rng, SCAN_METHODS), profile.ip(), Randoms.pick(rng,
                SCANNED_PATHS), "0");
        } else {
            PacketShapes.httpResponse(row, 180 + rng.nextInt(300), "0");
        }
    }

    private void upload(PacketRow row, double severity) {
        boolean request = rng.nextDouble() < 0.8;
        int len = request ? (rng.nextDouble() < 0.5 + 0.4 * severity ? 1448 : 400 + rng.nextInt(1048)) : 0;
        attackerSegment(row, profile.servicePort() == 53 ? 80 : profile.servicePort(), PSH | ACK, len, request);
        if (request) {
            PacketShapes.httpRequest(row, "POST", profile.ip(), "/upload.php", "0");
            row.set(HTTP_CONTENT_LENGTH, 50_000 + rng.nextInt((int) (200_000 + 4_000_000 * severity)));
        }
    }

    private void backdoor(PacketRow row, double severity) {
        int port = BACKDOOR_PORTS[(profile.number() + rng.nextInt(2)) % BACKDOOR_PORTS.length];
        int len = (int) Randoms.gaussianInt(rng, 40 + 120 * severity, 30, 0, 1448);
        boolean fromDevice = rng.nextBoolean();
        // a long-lived command-and-control session: relative sequence numbers far beyond ordinary connections
        long session = 2_000_000L + (long) (profile.number() % 97) * 300_000L;
        PacketShapes.ip(row, fromDevice ? profile.ip() : profile.attackerIp(), fromDevice ? profile.attackerIp()
            : profile.ip());
        PacketShapes.tcp(row, rng, fromDevice ? state.clientPort : port, fromDevice ? port : state.clientPort,
            PSH | ACK, len, session + state.seqOut, session + state.seqIn);
        state.seqOut += len;
    }

    private void portScan(PacketRow row) {
        boolean probe = rng.nextDouble() < 0.9;
        int port = rng.nextInt(5) == 0 ? 1 + rng.nextInt(65535) : 1 + rng.nextInt(1024);
        int scannerPort = 40000 + (profile.number() * 7919) % 20000;
        PacketShapes.ip(row, probe ? profile.attackerIp() : profile.ip(), probe ? profile.ip() : profile.attackerIp());
        PacketShapes.tcp(row, rng, probe ? scannerPort : port, probe ? port : scannerPort, probe ? SYN : RST | ACK,
            0, probe ? 0 : 1, 1);
    }

    private void ransomware(PacketRow row, double severity) {
        boolean fromAttacker = rng.nextDouble() < 0.6;
        int len = (int) Randoms.gaussianInt(rng, 500 + 800 * severity, 300, 60, 1448);
        attackerSegment(row, 445, PSH | ACK, len, fromAttacker);
    }

    private void arpSpoof(PacketRow row) {
        if (rng.nextDouble() < 0.25) {
            PacketShapes.arp(row, 2, profile.gatewayIp(), profile.ip());
        } else {
            // DNS spoofing through the poisoned path: forged answers for look-alike names, often repeated
            PacketShapes.ip(row, profile.gatewayIp(), profile.ip());
            PacketShapes.udp(row, 53, state.udpStream, state.udpTimeDelta());
            PacketShapes.dns(row, Randoms.pick(rng, SPOOFED_NAMES), 1, rng.nextDouble() < 0.7, state.udpStream * 2);
        }
    }

    private void fingerprint(PacketRow row) {
        if (rng.nextDouble() < 0.3) {
            PacketShapes.ip(row, profile.attackerIp(), profile.ip());
            PacketShapes.icmp(row, rng.nextInt(65536), rng.nextInt(3), rng.nextLong(86_400_000L));
            return;
        }
        int flags = PROBE_FLAGS[rng.nextInt(PROBE_FLAGS.length)];
        int port = rng.nextBoolean() ? profile.servicePort() : LOGIN_PORTS[rng.nextInt(LOGIN_PORTS.length)];
        PacketShapes.ip(row, profile.attackerIp(), profile.ip());
        PacketShapes.tcp(row, rng, 30000 + rng.nextInt(35000), port, flags, 0, 1, 1);
    }

    /** A segment between the attacker and the device's port {@code port}; the attacker's port is ephemeral. */
    private void attackerSegment(PacketRow row, int port, int flags, int len, boolean fromAttacker) {
        int attackerPort = 32768 + (state.tcpStream * 31 + profile.number()) % 28000;
        PacketShapes.ip(row, fromAttacker ? profile.attackerIp() : profile.ip(),
            fromAttacker ? profile.ip() : profile.attackerIp());
        PacketShapes.tcp(row, rng, fromAttacker ? attackerPort : port, fromAttacker ? port : attackerPort, flags,
            len, fromAttacker ? state.seqIn : state.seqOut, fromAttacker ? state.seqOut : state.seqIn);
        if (fromAttacker) {
            state.seqIn += len;
        } else {
            state.seqOut += len;
        }
    }
}
