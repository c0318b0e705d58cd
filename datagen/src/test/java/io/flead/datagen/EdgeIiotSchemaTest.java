package io.flead.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeIiotSchemaTest {

    /** The real Edge-IIoTset header, copied from the dataset's files (DESIGN.md, "Data"). */
    static final String REAL_HEADER = "frame.time,ip.src_host,ip.dst_host,arp.dst.proto_ipv4,arp.opcode,arp.hw.size,"
        + "arp.src.proto_ipv4,icmp.checksum,icmp.seq_le,icmp.transmit_timestamp,icmp.unused,http.file_data,"
        + "http.content_length,http.request.uri.query,http.request.method,http.referer,http.request.full_uri,"
        + "http.request.version,http.response,http.tls_port,tcp.ack,tcp.ack_raw,tcp.checksum,tcp.connection.fin,"
        + "tcp.connection.rst,tcp.connection.syn,tcp.connection.synack,tcp.dstport,tcp.flags,tcp.flags.ack,tcp.len,"
        + "tcp.options,tcp.payload,tcp.seq,tcp.srcport,udp.port,udp.stream,udp.time_delta,dns.qry.name,"
        + "dns.qry.name.len,dns.qry.qu,dns.qry.type,dns.retransmission,dns.retransmit_request,"
        + "dns.retransmit_request_in,mqtt.conack.flags,mqtt.conflag.cleansess,mqtt.conflags,mqtt.hdrflags,mqtt.len,"
        + "mqtt.msg_decoded_as,mqtt.msg,mqtt.msgtype,mqtt.proto_len,mqtt.protoname,mqtt.topic,mqtt.topic_len,"
        + "mqtt.ver,mbtcp.len,mbtcp.trans_id,mbtcp.unit_id,Attack_label,Attack_type";

    @Test
    void headerIsTheRealEdgeIiotsetColumnOrder() {
        assertThat(EdgeIiotSchema.headerLine()).isEqualTo(REAL_HEADER);
        assertThat(EdgeIiotSchema.WIDTH).isEqualTo(63);
    }

    @Test
    void everyGeneratedFileStartsWithTheRealHeader(@TempDir Path dir) {
        DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(3).withRows(20).withHoldoutRows(5), dir);
        for (String file : List.of("device_1.csv", "device_2.csv", "device_3.csv", "holdout/device_3.csv")) {
            assertThat(DeviceFiles.lines(dir.resolve(file)).get(0)).as(file).isEqualTo(REAL_HEADER);
        }
    }

    @Test
    void attackNamesAreEdgeIiotsetsFourteen() {
        assertThat(AttackType.attackLabels()).containsExactly("DDoS_UDP", "DDoS_ICMP", "DDoS_TCP", "DDoS_HTTP",
            "SQL_injection", "Password", "Vulnerability_scanner", "Uploading", "Backdoor", "Port_Scanning", "XSS",
            "Ransomware", "MITM", "Fingerprinting");
    }

    @Test
    void unknownColumnIsNamedInTheError() {
        assertThatThrownBy(() -> EdgeIiotSchema.indexOf("tcp.window"))
            .hasMessageContaining("'tcp.window'");
    }

    @Test
    void stringColumnsAreTextAndFeaturesAreNumeric() {
        for (String text : List.of("ip.src_host", "http.request.method", "mqtt.topic", "tcp.options", "tcp.payload",
            "mqtt.msg", "mqtt.protoname", "Attack_type")) {
            assertThat(EdgeIiotSchema.typeOf(EdgeIiotSchema.indexOf(text))).as(text)
                .isEqualTo(EdgeIiotSchema.ColumnType.TEXT);
        }
        assertThat(EdgeIiotSchema.isNumericFeature(EdgeIiotSchema.indexOf("tcp.len"))).isTrue();
        assertThat(EdgeIiotSchema.isNumericFeature(EdgeIiotSchema.ATTACK_LABEL)).isFalse();
        assertThat(EdgeIiotSchema.isNumericFeature(EdgeIiotSchema.FRAME_TIME)).isFalse();
    }
}
