package io.flead.datagen;

import java.util.List;

/** The 63 columns of Edge-IIoTset's CSV files in their real order, with how each one is written. */
public final class EdgeIiotSchema {

    /** How a column's values are written. */
    public enum ColumnType { TIME, TEXT, INTEGER, DECIMAL }

    /** Column names in the order of the real dataset's files. */
    public static final List<String> COLUMNS = List.of(
        "frame.time", "ip.src_host", "ip.dst_host", "arp.dst.proto_ipv4", "arp.opcode", "arp.hw.size",
        "arp.src.proto_ipv4", "icmp.checksum", "icmp.seq_le", "icmp.transmit_timestamp", "icmp.unused",
        "http.file_data", "http.content_length", "http.request.uri.query", "http.request.method",
        "http.referer", "http.request.full_uri", "http.request.version", "http.response", "http.tls_port",
        "tcp.ack", "tcp.ack_raw", "tcp.checksum", "tcp.connection.fin", "tcp.connection.rst",
        "tcp.connection.syn", "tcp.connection.synack", "tcp.dstport", "tcp.flags", "tcp.flags.ack",
        "tcp.len", "tcp.options", "tcp.payload", "tcp.seq", "tcp.srcport", "udp.port", "udp.stream",
        "udp.time_delta", "dns.qry.name", "dns.qry.name.len", "dns.qry.qu", "dns.qry.type",
        "dns.retransmission", "dns.retransmit_request", "dns.retransmit_request_in", "mqtt.conack.flags",
        "mqtt.conflag.cleansess", "mqtt.conflags", "mqtt.hdrflags", "mqtt.len", "mqtt.msg_decoded_as",
        "mqtt.msg", "mqtt.msgtype", "mqtt.proto_len", "mqtt.protoname", "mqtt.topic", "mqtt.topic_len",
        "mqtt.ver", "mbtcp.len", "mbtcp.trans_id", "mbtcp.unit_id", "Attack_label", "Attack_type");

    /** Number of columns (63). */
    public static final int WIDTH = COLUMNS.size();

    /** Columns holding strings or hex in the real files ("0" where absent), plus the attack type. */
    private static final List<String> TEXT_COLUMNS = List.of(
        "ip.src_host", "ip.dst_host", "arp.dst.proto_ipv4", "arp.src.proto_ipv4", "http.file_data",
        "http.request.uri.query", "http.request.method", "http.referer", "http.request.full_uri",
        "http.request.version", "tcp.options", "tcp.payload", "dns.qry.name", "mqtt.msg",
        "mqtt.protoname", "mqtt.topic", "Attack_type");

    public static final int FRAME_TIME = indexOf("frame.time");
    public static final int IP_SRC = indexOf("ip.src_host");
    public static final int IP_DST = indexOf("ip.dst_host");
    public static final int ARP_DST_IP = indexOf("arp.dst.proto_ipv4");
    public static final int ARP_OPCODE = indexOf("arp.opcode");
    public static final int ARP_HW_SIZE = indexOf("arp.hw.size");
    public static final int ARP_SRC_IP = indexOf("arp.src.proto_ipv4");
    public static final int ICMP_CHECKSUM = indexOf("icmp.checksum");
    public static final int ICMP_SEQ_LE = indexOf("icmp.seq_le");
    public static final int ICMP_TRANSMIT_TS = indexOf("icmp.transmit_timestamp");
    public static final int ICMP_UNUSED = indexOf("icmp.unused");
    public static final int HTTP_FILE_DATA = indexOf("http.file_data");
    public static final int HTTP_CONTENT_LENGTH = indexOf("http.content_length");
    public static final int HTTP_URI_QUERY = indexOf("http.request.uri.query");
    public static final int HTTP_METHOD = indexOf("http.request.method");
    public static final int HTTP_REFERER = indexOf("http.referer");
    public static final int HTTP_FULL_URI = indexOf("http.request.full_uri");
    public static final int HTTP_VERSION = indexOf("http.request.version");
    public static final int HTTP_RESPONSE = indexOf("http.response");
    public static final int HTTP_TLS_PORT = indexOf("http.tls_port");
    public static final int TCP_ACK = indexOf("tcp.ack");
    public static final int TCP_ACK_RAW = indexOf("tcp.ack_raw");
    public static final int TCP_CHECKSUM = indexOf("tcp.checksum");
    public static final int TCP_FIN = indexOf("tcp.connection.fin");
    public static final int TCP_RST = indexOf("tcp.connection.rst");
    public static final int TCP_SYN = indexOf("tcp.connection.syn");
    public static final int TCP_SYNACK = indexOf("tcp.connection.synack");
    public static final int TCP_DSTPORT = indexOf("tcp.dstport");
    public static final int TCP_FLAGS = indexOf("tcp.flags");
    public static final int TCP_FLAGS_ACK = indexOf("tcp.flags.ack");
    public static final int TCP_LEN = indexOf("tcp.len");
    public static final int TCP_OPTIONS = indexOf("tcp.options");
    public static final int TCP_PAYLOAD = indexOf("tcp.payload");
    public static final int TCP_SEQ = indexOf("tcp.seq");
    public static final int TCP_SRCPORT = indexOf("tcp.srcport");
    public static final int UDP_PORT = indexOf("udp.port");
    public static final int UDP_STREAM = indexOf("udp.stream");
    public static final int UDP_TIME_DELTA = indexOf("udp.time_delta");
    public static final int DNS_QRY_NAME = indexOf("dns.qry.name");
    public static final int DNS_QRY_NAME_LEN = indexOf("dns.qry.name.len");
    public static final int DNS_QRY_QU = indexOf("dns.qry.qu");
    public static final int DNS_QRY_TYPE = indexOf("dns.qry.type");
    public static final int DNS_RETRANSMISSION = indexOf("dns.retransmission");
    public static final int DNS_RETRANSMIT_REQUEST = indexOf("dns.retransmit_request");
    public static final int DNS_RETRANSMIT_REQUEST_IN = indexOf("dns.retransmit_request_in");
    public static final int MQTT_CONACK_FLAGS = indexOf("mqtt.conack.flags");
    public static final int MQTT_CLEANSESS = indexOf("mqtt.conflag.cleansess");
    public static final int MQTT_CONFLAGS = indexOf("mqtt.conflags");
    public static final int MQTT_HDRFLAGS = indexOf("mqtt.hdrflags");
    public static final int MQTT_LEN = indexOf("mqtt.len");
    public static final int MQTT_MSG_DECODED_AS = indexOf("mqtt.msg_decoded_as");
    public static final int MQTT_MSG = indexOf("mqtt.msg");
    public static final int MQTT_MSGTYPE = indexOf("mqtt.msgtype");
    public static final int MQTT_PROTO_LEN = indexOf("mqtt.proto_len");
    public static final int MQTT_PROTONAME = indexOf("mqtt.protoname");
    public static final int MQTT_TOPIC = indexOf("mqtt.topic");
    public static final int MQTT_TOPIC_LEN = indexOf("mqtt.topic_len");
    public static final int MQTT_VER = indexOf("mqtt.ver");
    public static final int MBTCP_LEN = indexOf("mbtcp.len");
    public static final int MBTCP_TRANS_ID = indexOf("mbtcp.trans_id");
    public static final int MBTCP_UNIT_ID = indexOf("mbtcp.unit_id");
    public static final int ATTACK_LABEL = indexOf("Attack_label");
    public static final int ATTACK_TYPE = indexOf("Attack_type");

    private static final ColumnType[] TYPES = buildTypes();

    private EdgeIiotSchema() {
    }

    /** The position of a column, or an exception naming the unknown column. */
    public static int indexOf(String column) {
        int index = COLUMNS.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("Unknown Edge-IIoTset column '" + column + "'");
        }
        return index;
    }

    /** How the column at this position is written. */
    public static ColumnType typeOf(int index) {
        return TYPES[index];
    }

    /** True for the numeric columns a model can use as features (all but time, text and the label). */
    public static boolean isNumericFeature(int index) {
        ColumnType type = TYPES[index];
        return (type == ColumnType.INTEGER || type == ColumnType.DECIMAL) && index != ATTACK_LABEL;
    }

    /** The header line of a device file, without line terminator. */
    public static String headerLine() {
        return String.join(",", COLUMNS);
    }

    private static ColumnType[] buildTypes() {
        ColumnType[] types = new ColumnType[WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            String name = COLUMNS.get(i);
            if (i == 0) {
                types[i] = ColumnType.TIME;
            } else if (TEXT_COLUMNS.contains(name)) {
                types[i] = ColumnType.TEXT;
            } else if (name.equals("udp.time_delta")) {
                types[i] = ColumnType.DECIMAL;
            } else {
                types[i] = ColumnType.INTEGER;
            }
        }
        return types;
    }
}
