package io.flead.model;

import java.util.List;

/**
 * The default feature space: the numeric columns of the Edge-IIoTset files (text, address and hex
 * columns, and the labels, are left out).
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

    private EdgeIiotFeatures() {
    }

    public static FeatureSpace space() {
        return new FeatureSpace(NUMERIC);
    }
}
