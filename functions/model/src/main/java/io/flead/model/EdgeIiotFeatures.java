package io.flead.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The feature spaces of the Edge-IIoTset files: {@link #NUMERIC}, the numeric columns as they are (text,
 * address and hex columns, and the labels, are left out), and {@link #MODEL}, those plus indicator
 * encodings ({@link FeatureColumn}) of the numeric fields that are categories rather than quantities.
 */
public final class EdgeIiotFeatures {
    /** Numeric Edge-IIoTset columns in file order. */
    public static final List<String> NUMERIC = List.of(
        "arp.opcode", "arp.hw.size", "icmp.checksum", "icmp.seq_le", "icmp.transmit_timestamp", "icmp.unused",
        "http.content_length", "http.response", "http.tls_port", "tcp.ack", "tcp.ack_raw", "tcp.checksum",
        "tcp.connection.fin", "tcp.connection.rst", "tcp.connection.syn", "tcp.connection.synack", "tcp.dstport",
        "tcp.flags", "tcp.flags.ack", "tcp.len", "tcp.seq", "udp.port", "udp.stream", "udp.time_delta",
        "dns.qry.name.len", "dns.qry.qu", "dns.qry.type", "dns.retransmission", "dns.retransmit_request",
        "dns.retransmit_request_in", "mqtt.conflag.cleansess", "mqtt.conflags", "mqtt.hdrflags", "mqtt.len",
        "mqtt.msg_decoded_as", "mqtt.msgtype", "mqtt.proto_len", "mqtt.topic_len", "mqtt.ver", "mbtcp.len",
        "mbtcp.trans_id", "mbtcp.unit_id");

    /** TCP flag combinations of ordinary connections: FIN, SYN, RST, ACK, FIN|ACK, SYN|ACK, RST|ACK, PSH|ACK. */
    static final int[] COMMON_TCP_FLAGS = {1, 2, 4, 16, 17, 18, 20, 24};

    /** Well-known service ports of IT and IIoT networks: FTP/SSH/Telnet, DNS, HTTP(S), SMB, Modbus, MQTT(S). */
    static final String[] SERVICE_PORTS = {"21..23", "53", "80", "443", "445", "502", "1883", "8080", "8883"};

    /**
     * {@link #NUMERIC} plus indicators: each common TCP flag combination and any other combination (values
     * above PSH|ACK|FIN carry URG, ECE or CWR); the IANA port class (well-known, registered, dynamic) and each
     * well-known service port, for source and destination; DNS over UDP port 53; DNS query types A and AAAA;
     * ARP request and reply; and each of the 14 MQTT control packet types. A port number, a flag set or a
     * message type is a category, so a linear model can use it only through such indicators.
     */
    public static final List<String> MODEL = modelFeatures();

    private EdgeIiotFeatures() {
    }

    private static List<String> modelFeatures() {
        List<String> names = new ArrayList<>(NUMERIC);
        for (int flags : COMMON_TCP_FLAGS) {
            names.add("tcp.flags=" + flags);
        }
        names.add("tcp.flags=25..255");
        for (String port : List.of("tcp.dstport", "tcp.srcport")) {
            names.add(port + "=1..1023");
            names.add(port + "=1024..49151");
            names.add(port + "=49152..65535");
        }
        for (String port : List.of("tcp.dstport", "tcp.srcport")) {
            for (String service : SERVICE_PORTS) {
                names.add(port + "=" + service);
            }
        }
        names.addAll(List.of("udp.port=53", "dns.qry.type=1", "dns.qry.type=28", "arp.opcode=1", "arp.opcode=2"));
        for (int type = 1; type <= 14; type++) {
            names.add("mqtt.msgtype=" + type);
        }
        return List.copyOf(names);
    }

    public static FeatureSpace space() {
        return new FeatureSpace(NUMERIC);
    }

    /** The space of {@link #MODEL}. */
    public static FeatureSpace modelSpace() {
        return new FeatureSpace(MODEL);
    }
}
