package io.flead.datagen;

import static io.flead.datagen.EdgeIiotSchema.*;
import static io.flead.datagen.PacketShapes.ACK;
import static io.flead.datagen.PacketShapes.FIN;
import static io.flead.datagen.PacketShapes.PSH;
import static io.flead.datagen.PacketShapes.RST;
import static io.flead.datagen.PacketShapes.SYN;

import java.util.SplittableRandom;

/** Ordinary traffic of one device: the packets its kind normally exchanges, with its own baselines. */
final class NormalTraffic {

    private static final String[] CAMERA_PATHS = {"/snapshot.jpg", "/video.mjpg", "/api/status", "/cgi-bin/ptz.cgi"};

    private final DeviceProfile profile;
    private final DeviceState state;
    private final SplittableRandom rng;

    NormalTraffic(DeviceProfile profile, DeviceState state, SplittableRandom rng) {
        this.profile = profile;
        this.state = state;
        this.rng = rng;
    }

    /** Microseconds until the next ordinary packet. */
    long gapMicros() {
        return 1 + (long) Randoms.exponential(rng, profile.normalGapMicros());
    }

    /** Fills the row with one ordinary packet drawn from the device's mix. */
    void fill(PacketRow row) {
        if (profile.hard() != null && Randoms.chance(rng, profile.hard().plantRate())) {
            plant(row);
            return;
        }
        switch (profile.drawPacket(rng.nextDouble())) {
            case MQTT_PUBLISH -> mqttPublish(row);
            case MQTT_CONTROL -> mqttControl(row);
            case MODBUS -> modbus(row);
            case HTTP_REQUEST -> httpRequest(row);
            case HTTP_RESPONSE -> httpResponse(row);
            case TCP_ACK -> tcpControl(row);
            case TLS -> tls(row);
            case DNS -> dns(row);
            case ARP -> arp(row);
            case ICMP -> icmp(row);
        }
    }

    private void mqttPublish(PacketRow row) {
        String topic = profile.topic();
        int payload = (int) Randoms.gaussianInt(rng, profile.payloadMean(), profile.payloadSd(), 1, 200);
        int mqttLen = 2 + topic.length() + payload;
        segment(row, 1883, PSH | ACK, mqttLen + 2, rng.nextDouble() < 0.8);
        PacketShapes.mqtt(row, 3, 48, mqttLen);
        row.text(MQTT_TOPIC, topic);
        row.set(MQTT_TOPIC_LEN, topic.length());
        row.text(MQTT_MSG, Hex.ofAscii(Integer.toString(rng.nextInt(1000))));
    }

    private void mqttControl(PacketRow row) {
        int pick = rng.nextInt(10);
        if (pick < 2) {
            newConnection();
            int len = 10 + 12 + rng.nextInt(12);
            segment(row, 1883, PSH | ACK, len + 2, true);
            PacketShapes.mqtt(row, 1, 16, len);
            PacketShapes.mqttConnect(row, 2);
        } else if (pick < 4) {
            segment(row, 1883, PSH | ACK, 4, false);
            PacketShapes.mqtt(row, 2, 32, 2);
        } else if (pick < 5) {
            int len = 5 + profile.topic().length();
            segment(row, 1883, PSH | ACK, len + 2, true);
            PacketShapes.mqtt(row, 8, 130, len);
            row.text(MQTT_TOPIC, profile.topic());
            row.set(MQTT_TOPIC_LEN, profile.topic().length());
        } else {
            boolean request = pick < 8;
            segment(row, 1883, PSH | ACK, 2, request);
            PacketShapes.mqtt(row, request ? 12 : 13, request ? 192 : 208, 0);
        }
    }

    private void modbus(PacketRow row) {
        boolean query = rng.nextBoolean();
        int transId = query ? (++state.modbusTransId & 0xffff) : state.modbusTransId;
        int len = query ? 6 : 3 + 2 * (int) Randoms.gaussianInt(rng, profile.modbusRegisters(), 2, 1, 125);
        // the device serves port 502; the SCADA master polls it
        segment(row, 502, PSH | ACK, len + 6, !query);
        PacketShapes.modbus(row, len, transId, profile.unitId());
    }

    private void httpRequest(PacketRow row) {
        String path = Randoms.pick(rng, CAMERA_PATHS);
        boolean post = rng.nextInt(10) == 0;
        int len = (int) Randoms.gaussianInt(rng, post ? 420 : 300, 40, 80, 1448);
        segment(row, profile.servicePort(), PSH | ACK, len, false);
        PacketShapes.httpRequest(row, post ? "POST" : "GET", profile.ip(), path,
            rng.nextInt(3) == 0 ? "res=" + (480 + 240 * rng.nextInt(3)) : "0");
        if (post) {
            row.set(HTTP_CONTENT_LENGTH, 40 + rng.nextInt(120));
        }
    }

    private void httpResponse(PacketRow row) {
        long length = Randoms.gaussianInt(rng, profile.httpContentMean(), profile.httpContentMean() * 0.2, 100,
            5_000_000);
        int len = length >= 1448 && rng.nextInt(4) > 0 ? 1448 : (int) Math.min(1448, 200 + length % 1248);
        segment(row, profile.servicePort(), PSH | ACK, len, true);
        PacketShapes.httpResponse(row, length, rng.nextInt(4) == 0 ? "status=ok" : "0");
    }

    private void tcpControl(PacketRow row) {
        int pick = rng.nextInt(100);
        // long-lived IIoT sessions: handshakes and closes are rare next to plain acknowledgements
        int flags = pick < 3 ? FIN | ACK : pick < 4 ? RST : pick < 5 ? SYN : pick < 6 ? SYN | ACK : ACK;
        if ((flags & SYN) != 0) {
            state.seqOut = 0;
            state.seqIn = 0;
        }
        segment(row, profile.servicePort() == 53 ? 443 : profile.servicePort(), flags, 0, rng.nextBoolean());
        if ((flags & FIN) != 0) {
            state.connectionPacketsLeft = 0;
        }
    }

    private void tls(PacketRow row) {
        int len = (int) Randoms.gaussianInt(rng, 520, 300, 40, 1448);
        segment(row, 443, PSH | ACK, len, rng.nextDouble() < 0.6);
        row.set(HTTP_TLS_PORT, 443);
    }

    private void dns(PacketRow row) {
        boolean query = rng.nextDouble() < 0.6;
        String name = Randoms.pick(rng, profile.dnsNames());
        String resolver = profile.kind() == DeviceKind.DNS_GATEWAY ? profile.peerIp() : profile.gatewayIp();
        if (query) {
            state.udpStream++;
        }
        PacketShapes.ip(row, query ? profile.ip() : resolver, query ? resolver : profile.ip());
        PacketShapes.udp(row, 53, state.udpStream, state.udpTimeDelta());
        boolean retransmission = query && rng.nextInt(50) == 0;
        PacketShapes.dns(row, name, rng.nextInt(5) == 0 ? 28 : 1, retransmission, state.udpStream * 2);
    }

    private void arp(PacketRow row) {
        boolean request = rng.nextDouble() < 0.55;
        String other = rng.nextBoolean() ? profile.gatewayIp() : profile.peerIp();
        PacketShapes.arp(row, request ? 1 : 2, request ? profile.ip() : other, request ? other : profile.ip());
    }

    private void icmp(PacketRow row) {
        boolean request = rng.nextBoolean();
        if (request) {
            state.icmpSeq++;
        }
        PacketShapes.ip(row, request ? profile.ip() : profile.gatewayIp(), request ? profile.gatewayIp() : profile.ip());
        PacketShapes.icmp(row, rng.nextInt(65536), state.icmpSeq, 0);
    }

    /**
     * {@link Difficulty#HARD}: an ordinary packet that carries a value attacks also plant. Which ones a device sends
     * depends on its kind: controllers back up to an SMB share and are maintained over SSH, sensors authenticate to
     * their broker and open ECN connections, cameras stream long sessions, resolve CDN names and answer SSDP,
     * gateways relay NTP and syslog; every kind opens connections and is probed by the network monitor.
     */
    private void plant(PacketRow row) {
        Plant[] plants = switch (profile.kind()) {
            case MODBUS_CONTROLLER -> new Plant[] {Plant.SMB, Plant.SMB, Plant.SSH, Plant.SYN, Plant.TIMESTAMP};
            case MQTT_SENSOR -> new Plant[] {Plant.MQTT_AUTH, Plant.MQTT_AUTH, Plant.ECN_SYN, Plant.SYN, Plant.SSH};
            case HTTP_CAMERA -> new Plant[] {Plant.LONG_SESSION, Plant.LONG_SESSION, Plant.CDN_NAME, Plant.SSDP,
                Plant.ADMIN_PORT, Plant.SYN};
            case DNS_GATEWAY -> new Plant[] {Plant.CDN_NAME, Plant.CDN_NAME, Plant.NTP, Plant.NTP, Plant.TIMESTAMP,
                Plant.SSH};
            case EDGE_HUB -> new Plant[] {Plant.SMB, Plant.MQTT_AUTH, Plant.ECN_SYN, Plant.NTP, Plant.LONG_SESSION,
                Plant.CDN_NAME, Plant.SYN};
        };
        Plant plant = Randoms.pick(rng, plants);
        switch (plant) {
            case SMB -> segment(row, 445, PSH | ACK, (int) Randoms.gaussianInt(rng, 900, 400, 60, 1448),
                rng.nextDouble() < 0.6);
            case SSH -> segment(row, rng.nextInt(4) == 0 ? 23 : 22, PSH | ACK,
                (int) Randoms.gaussianInt(rng, 60, 30, 0, 400), rng.nextBoolean());
            case SYN -> {
                newConnection();
                segment(row, profile.servicePort() == 53 ? 443 : profile.servicePort(), SYN, 0, true);
            }
            case ECN_SYN -> {
                newConnection();
                segment(row, 1883, SYN | 64 | 128, 0, true);
            }
            case MQTT_AUTH -> {
                newConnection();
                int len = 30 + rng.nextInt(30);
                segment(row, 1883, PSH | ACK, len + 2, true);
                PacketShapes.mqtt(row, 1, 16, len);
                PacketShapes.mqttConnect(row, 194);
            }
            case LONG_SESSION -> {
                long offset = 2_000_000L + rng.nextLong(40_000_000L);
                segment(row, profile.servicePort() == 53 ? 443 : profile.servicePort(), PSH | ACK,
                    rng.nextInt(3) == 0 ? 0 : 1448, true);
                row.set(EdgeIiotSchema.TCP_SEQ, row.get(EdgeIiotSchema.TCP_SEQ) + offset);
            }
            case CDN_NAME -> {
                dns(row);
                String name = "d" + Long.toHexString(rng.nextLong(1L << 48)) + ".cloudfront.net.edgekey.net";
                row.text(DNS_QRY_NAME, name);
                row.set(DNS_QRY_NAME_LEN, name.length());
            }
            case SSDP, NTP -> {
                boolean ssdp = plant == Plant.SSDP;
                int port = ssdp ? 1900 : rng.nextInt(3) == 0 ? 514 : 123;
                PacketShapes.ip(row, profile.ip(), profile.gatewayIp());
                PacketShapes.udp(row, port, ++state.udpStream, state.udpTimeDelta());
            }
            case ADMIN_PORT -> segment(row, rng.nextBoolean() ? 8443 : 5555, PSH | ACK,
                (int) Randoms.gaussianInt(rng, 300, 150, 0, 1448), rng.nextBoolean());
            case TIMESTAMP -> {
                PacketShapes.ip(row, profile.gatewayIp(), profile.ip());
                PacketShapes.icmp(row, rng.nextInt(65536), state.icmpSeq, rng.nextLong(86_400_000L));
            }
        }
    }

    /** The attack-like values ordinary traffic carries under {@link Difficulty#HARD}. */
    private enum Plant { SMB, SSH, SYN, ECN_SYN, MQTT_AUTH, LONG_SESSION, CDN_NAME, SSDP, NTP, ADMIN_PORT, TIMESTAMP }

    /** A TCP segment between the device and its peer on {@code servicePort}, advancing the connection. */
    private void segment(PacketRow row, int servicePort, int flags, int len, boolean fromDevice) {
        if (--state.connectionPacketsLeft < 0) {
            newConnection();
        }
        boolean deviceIsServer = servicePort == 502 || servicePort == 80 || servicePort == 8080;
        int devicePort = deviceIsServer ? servicePort : state.clientPort;
        int peerPort = deviceIsServer ? state.clientPort : servicePort;
        long seq = fromDevice ? state.seqOut : state.seqIn;
        long ack = fromDevice ? state.seqIn : state.seqOut;
        PacketShapes.ip(row, fromDevice ? profile.ip() : profile.peerIp(), fromDevice ? profile.peerIp() : profile.ip());
        PacketShapes.tcp(row, rng, fromDevice ? devicePort : peerPort, fromDevice ? peerPort : devicePort, flags, len,
            seq, ack);
        if (fromDevice) {
            state.seqOut += len;
        } else {
            state.seqIn += len;
        }
    }

    private void newConnection() {
        state.clientPort = 49152 + rng.nextInt(16383);
        state.seqOut = 1;
        state.seqIn = 1;
        state.tcpStream++;
        state.connectionPacketsLeft = 50 + rng.nextInt(250);
    }
}
