package io.flead.datagen;

import static io.flead.datagen.EdgeIiotSchema.*;

import java.util.SplittableRandom;

/** Fills the protocol columns of a row the way Wireshark dissects one packet (absent layers stay 0). */
final class PacketShapes {

    static final int FIN = 1;
    static final int SYN = 2;
    static final int RST = 4;
    static final int PSH = 8;
    static final int ACK = 16;

    private PacketShapes() {
    }

    static void ip(PacketRow row, String src, String dst) {
        row.text(IP_SRC, src);
        row.text(IP_DST, dst);
    }

    /** A TCP segment; relative seq/ack as Wireshark shows them, raw ack, checksum, options and payload hex. */
    static void tcp(PacketRow row, SplittableRandom rng, int srcPort, int dstPort, int flags, int len, long seq,
                    long ack) {
        row.set(TCP_SRCPORT, srcPort);
        row.set(TCP_DSTPORT, dstPort);
        row.set(TCP_FLAGS, flags);
        row.set(TCP_FLAGS_ACK, (flags & ACK) != 0 ? 1 : 0);
        row.set(TCP_SYN, (flags & (SYN | ACK)) == SYN ? 1 : 0);
        row.set(TCP_SYNACK, (flags & (SYN | ACK)) == (SYN | ACK) ? 1 : 0);
        row.set(TCP_FIN, (flags & FIN) != 0 ? 1 : 0);
        row.set(TCP_RST, (flags & RST) != 0 ? 1 : 0);
        row.set(TCP_LEN, len);
        row.set(TCP_SEQ, seq);
        row.set(TCP_ACK, (flags & ACK) != 0 ? ack : 0);
        row.set(TCP_ACK_RAW, (flags & ACK) != 0 ? rng.nextLong(1L << 32) : 0);
        row.set(TCP_CHECKSUM, rng.nextInt(65536));
        row.text(TCP_OPTIONS, (flags & SYN) != 0 ? "020405b40402080a" + Hex.random(rng, 8) + "01030307"
            : "0101080a" + Hex.random(rng, 8));
        row.text(TCP_PAYLOAD, len > 0 ? Hex.random(rng, Math.min(len, 8)) : "0");
    }

    /** A UDP datagram on {@code port}, in stream {@code stream}, {@code delta} seconds after the previous one. */
    static void udp(PacketRow row, int port, int stream, double delta) {
        row.set(UDP_PORT, port);
        row.set(UDP_STREAM, stream);
        row.set(UDP_TIME_DELTA, delta);
    }

    static void dns(PacketRow row, String name, int type, boolean retransmission, int requestIn) {
        row.text(DNS_QRY_NAME, name);
        row.set(DNS_QRY_NAME_LEN, name.length());
        row.set(DNS_QRY_TYPE, type);
        row.set(DNS_RETRANSMISSION, retransmission ? 1 : 0);
        row.set(DNS_RETRANSMIT_REQUEST, retransmission ? 1 : 0);
        row.set(DNS_RETRANSMIT_REQUEST_IN, retransmission ? requestIn : 0);
    }

    static void icmp(PacketRow row, int checksum, int seqLe, long transmitTimestamp) {
        row.set(ICMP_CHECKSUM, checksum);
        row.set(ICMP_SEQ_LE, seqLe);
        row.set(ICMP_TRANSMIT_TS, transmitTimestamp);
    }

    /** An ARP request (opcode 1) or reply (opcode 2); ARP frames carry no IP layer. */
    static void arp(PacketRow row, int opcode, String senderIp, String targetIp) {
        row.text(IP_SRC, "0");
        row.text(IP_DST, "0");
        row.set(ARP_OPCODE, opcode);
        row.set(ARP_HW_SIZE, 6);
        row.text(ARP_SRC_IP, senderIp);
        row.text(ARP_DST_IP, targetIp);
    }

    static void mqtt(PacketRow row, int msgType, int hdrFlags, int len) {
        row.set(MQTT_MSGTYPE, msgType);
        row.set(MQTT_HDRFLAGS, hdrFlags);
        row.set(MQTT_LEN, len);
    }

    static void mqttConnect(PacketRow row, int conFlags) {
        row.set(MQTT_CONFLAGS, conFlags);
        row.set(MQTT_CLEANSESS, (conFlags & 2) != 0 ? 1 : 0);
        row.text(MQTT_PROTONAME, "MQTT");
        row.set(MQTT_PROTO_LEN, 4);
        row.set(MQTT_VER, 4);
    }

    static void modbus(PacketRow row, int len, int transId, int unitId) {
        row.set(MBTCP_LEN, len);
        row.set(MBTCP_TRANS_ID, transId);
        row.set(MBTCP_UNIT_ID, unitId);
    }

    static void httpRequest(PacketRow row, String method, String host, String path, String query) {
        row.text(HTTP_METHOD, method);
        row.text(HTTP_VERSION, "HTTP/1.1");
        row.text(HTTP_URI_QUERY, query);
        row.text(HTTP_FULL_URI, query.equals("0") ? "http://" + host + path : "http://" + host + path + "?" + query);
    }

    static void httpResponse(PacketRow row, long contentLength, String fileData) {
        row.set(HTTP_RESPONSE, 1);
        row.set(HTTP_CONTENT_LENGTH, contentLength);
        row.text(HTTP_FILE_DATA, fileData);
    }
}
